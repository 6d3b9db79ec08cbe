using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CspBot.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CardSeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OpenedForAmendmentAt",
                table: "PeriodSettings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ServerKeys",
                columns: table => new
                {
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Key = table.Column<byte[]>(type: "BLOB", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServerKeys", x => x.Purpose);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServerKeys");

            migrationBuilder.DropColumn(
                name: "OpenedForAmendmentAt",
                table: "PeriodSettings");
        }
    }
}
