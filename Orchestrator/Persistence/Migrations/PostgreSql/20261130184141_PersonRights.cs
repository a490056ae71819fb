using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ArchivedAt",
                table: "people",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SharingObjectedAt",
                table: "people",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiresAt",
                table: "consents",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<bool>(
                name: "Medical",
                table: "consents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Social",
                table: "consents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Consents recorded before categories and expiry shared the social record, for a year from when they were given.
            migrationBuilder.Sql("UPDATE consents SET \"Social\" = TRUE, \"ExpiresAt\" = \"GrantedAt\" + INTERVAL '1 year';");
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
