using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CspBot.Core.Persistence.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CheckedAt",
                table: "Returns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckedBy",
                table: "Returns",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModerationReason",
                table: "Returns",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Query",
                table: "Returns",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SignedOffAt",
                table: "ReportSnapshots",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignedOffBy",
                table: "ReportSnapshots",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TargetChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    FromPeriod = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    OldTarget = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    NewTarget = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
