using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CspBot.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class GraphReach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FilingIssue",
                table: "ReportSnapshots",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SharePointUrl",
                table: "ReportSnapshots",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DirectoryStatus",
                table: "Members",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReachCheckedAt",
                table: "Members",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReachIssue",
                table: "Members",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeamGroupId",
                table: "Conversations",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FilingIssue",
                table: "ReportSnapshots");

            migrationBuilder.DropColumn(
                name: "SharePointUrl",
                table: "ReportSnapshots");

            migrationBuilder.DropColumn(
                name: "DirectoryStatus",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ReachCheckedAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ReachIssue",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "TeamGroupId",
                table: "Conversations");
        }
    }
}
