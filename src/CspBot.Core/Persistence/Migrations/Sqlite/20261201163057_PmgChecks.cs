using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CspBot.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PmgChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CheckState",
                table: "Returns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "CheckedAt",
                table: "Returns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckedBy",
                table: "Returns",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModerationReason",
                table: "Returns",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Query",
                table: "Returns",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SignedOffAt",
                table: "ReportSnapshots",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignedOffBy",
                table: "ReportSnapshots",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TargetChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromPeriod = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    OldTarget = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    NewTarget = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TargetChanges_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Returns_Period_CheckState",
                table: "Returns",
                columns: new[] { "Period", "CheckState" });

            migrationBuilder.CreateIndex(
                name: "IX_TargetChanges_IndicatorId_FromPeriod",
                table: "TargetChanges",
                columns: new[] { "IndicatorId", "FromPeriod" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TargetChanges");

            migrationBuilder.DropIndex(
                name: "IX_Returns_Period_CheckState",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "CheckState",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "CheckedAt",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "CheckedBy",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "ModerationReason",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "Query",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "SignedOffAt",
                table: "ReportSnapshots");

            migrationBuilder.DropColumn(
                name: "SignedOffBy",
                table: "ReportSnapshots");
        }
    }
}
