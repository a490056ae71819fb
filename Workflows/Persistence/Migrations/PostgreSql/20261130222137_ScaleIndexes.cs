using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_BusinessKey_Status",
                table: "wf_tasks",
                columns: new[] { "BusinessKey", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wf_tasks_BusinessKey_Status",
                table: "wf_tasks");
        }
    }
}
