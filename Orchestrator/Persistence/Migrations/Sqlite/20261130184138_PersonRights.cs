using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonRights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DeputyDirectorId",
                table: "structures",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ArchivedAt",
                table: "people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SharingObjectedAt",
                table: "people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "consents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "Medical",
                table: "consents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Social",
                table: "consents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Consents recorded before categories and expiry shared the social record, for a year from when they were given.
            // Dates are UTC ticks: through Unix seconds, SQLite's calendar adds the year, the sub-second ticks are kept.
            migrationBuilder.Sql(
                "UPDATE consents SET Social = 1, ExpiresAt = " +
                "CAST(strftime('%s', (GrantedAt - 621355968000000000) / 10000000, 'unixepoch', '+1 year') AS INTEGER) * 10000000 " +
                "+ 621355968000000000 + (GrantedAt % 10000000);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeputyDirectorId",
                table: "structures");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "people");

            migrationBuilder.DropColumn(
                name: "SharingObjectedAt",
                table: "people");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "Medical",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "Social",
                table: "consents");
        }
    }
}
