using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CspBot.Core.Persistence.Migrations.SqlServer
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
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "IndicatorValues",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PoliceCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Force = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Place = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    IsLsoa = table.Column<bool>(type: "bit", nullable: false),
                    CrimeType = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoliceCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PoliceFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Force = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Rows = table.Column<int>(type: "int", nullable: false),
                    Malformed = table.Column<int>(type: "int", nullable: false),
                    UploadedBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoliceFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PoliceSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    IndicatorId = table.Column<int>(type: "int", nullable: false),
                    CrimeTypes = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Area = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Comparison = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Peers = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false)
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
