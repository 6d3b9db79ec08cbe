using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CspBot.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Languages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DefaultLanguage",
                table: "Partnerships",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "en"); // existing partnerships keep writing English

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Members",
                type: "nvarchar(2)",
                maxLength: 2,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DefaultLanguage",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Members");
        }
    }
}
