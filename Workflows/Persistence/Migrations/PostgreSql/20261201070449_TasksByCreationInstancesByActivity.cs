using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TasksByCreationInstancesByActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_Status_CreatedAt",
                table: "wf_tasks",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_instances_UpdatedAt",
                table: "wf_instances",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wf_tasks_Status_CreatedAt",
                table: "wf_tasks");

            migrationBuilder.DropIndex(
                name: "IX_wf_instances_UpdatedAt",
                table: "wf_instances");
        }
    }
}
