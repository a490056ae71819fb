using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferralsParametersAndOrientations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_pathway_settings",
                table: "pathway_settings");

            migrationBuilder.AddColumn<Guid>(
                name: "StructureId",
                table: "pathway_settings",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<long>(
                name: "ExpectedAt",
                table: "handoffs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SharedSummary",
                table: "handoffs",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PersonRequested",
                table: "episodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ReferralPsychiatristOpinion",
                table: "episodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ReferralSocialEvaluation",
                table: "episodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ReferrerType",
                table: "episodes",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_pathway_settings",
                table: "pathway_settings",
                columns: new[] { "DefinitionKey", "Name", "StructureId" });

            // Episodes opened by an accepted handoff were already recognisable by the name the handoff wrote.
            migrationBuilder.Sql("UPDATE episodes SET \"ReferrerType\" = 'DirectoryStructure' WHERE \"ReferredBy\" LIKE 'Orientation acceptée depuis %'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_pathway_settings",
                table: "pathway_settings");

            migrationBuilder.DropColumn(
                name: "StructureId",
                table: "pathway_settings");

            migrationBuilder.DropColumn(
                name: "ExpectedAt",
                table: "handoffs");

            migrationBuilder.DropColumn(
                name: "SharedSummary",
                table: "handoffs");

            migrationBuilder.DropColumn(
                name: "PersonRequested",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "ReferralPsychiatristOpinion",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "ReferralSocialEvaluation",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "ReferrerType",
                table: "episodes");

            migrationBuilder.AddPrimaryKey(
                name: "PK_pathway_settings",
                table: "pathway_settings",
                columns: new[] { "DefinitionKey", "Name" });
        }
    }
}
