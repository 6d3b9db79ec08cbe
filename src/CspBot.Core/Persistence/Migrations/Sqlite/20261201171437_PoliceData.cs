using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CspBot.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PoliceData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OverrideReason",
                table: "IndicatorValues",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "IndicatorValues",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PoliceCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Force = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsLsoa = table.Column<bool>(type: "INTEGER", nullable: false),
                    CrimeType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoliceCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PoliceFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Force = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Malformed = table.Column<int>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoliceFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PoliceSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    CrimeTypes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Comparison = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Peers = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoliceSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PoliceSources_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PoliceCounts_Month_Force",
                table: "PoliceCounts",
                columns: new[] { "Month", "Force" });

            migrationBuilder.CreateIndex(
                name: "IX_PoliceFiles_Month_Force",
                table: "PoliceFiles",
                columns: new[] { "Month", "Force" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PoliceSources_IndicatorId",
                table: "PoliceSources",
                column: "IndicatorId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PoliceCounts");

            migrationBuilder.DropTable(
                name: "PoliceFiles");

            migrationBuilder.DropTable(
                name: "PoliceSources");

            migrationBuilder.DropColumn(
                name: "OverrideReason",
                table: "IndicatorValues");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "IndicatorValues");
        }
    }
}
