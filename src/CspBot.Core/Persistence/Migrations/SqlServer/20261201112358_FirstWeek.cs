using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CspBot.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FirstWeek : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BoardName",
                table: "Partnerships",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectiveMarking",
                table: "Partnerships",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "OFFICIAL");

            migrationBuilder.AddColumn<string>(
                name: "ReportOfficer",
                table: "Partnerships",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShortName",
                table: "Partnerships",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GivenName",
                table: "Members",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChannelName",
                table: "Conversations",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GoneAt",
                table: "Conversations",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GoneReason",
                table: "Conversations",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BoardName",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "ProtectiveMarking",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "ReportOfficer",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "ShortName",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "GivenName",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ChannelName",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "GoneAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "GoneReason",
                table: "Conversations");
        }
    }
}
