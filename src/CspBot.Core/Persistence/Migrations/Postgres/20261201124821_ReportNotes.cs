using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CspBot.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "KeyAmbers",
                table: "PeriodSettings",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportIntroduction",
                table: "PeriodSettings",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportRecommendations",
                table: "PeriodSettings",
                type: "character varying(5010)",
                maxLength: 5010,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeyAmbers",
                table: "PeriodSettings");

            migrationBuilder.DropColumn(
                name: "ReportIntroduction",
                table: "PeriodSettings");

            migrationBuilder.DropColumn(
                name: "ReportRecommendations",
                table: "PeriodSettings");
        }
    }
}
