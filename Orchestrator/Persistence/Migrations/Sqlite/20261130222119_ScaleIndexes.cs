using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_handoffs_PersonId",
                table: "handoffs",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_PersonId",
                table: "alerts",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_handoffs_PersonId",
                table: "handoffs");

            migrationBuilder.DropIndex(
                name: "IX_alerts_PersonId",
                table: "alerts");
        }
    }
}
