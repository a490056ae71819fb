using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OverdueScanMark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "overdue_scan_marks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LateDueThrough = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalationDueThrough = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedThrough = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_overdue_scan_marks", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "overdue_scan_marks");
        }
    }
}
