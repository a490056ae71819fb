using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AlertsByEpisodeAndState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_alerts_EpisodeId",
                table: "alerts");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_EpisodeId_State",
                table: "alerts",
                columns: new[] { "EpisodeId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_alerts_EpisodeId_State",
                table: "alerts");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_EpisodeId",
                table: "alerts",
                column: "EpisodeId");
        }
    }
}
