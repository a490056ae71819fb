using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Orchestrator.Workflows.Persistence.Migrations;

/// <summary>The engine's context on PostgreSQL; its type selects the migrations in <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgresWorkflowDbContext(DbContextOptions<PostgresWorkflowDbContext> options) : WorkflowDbContext(options)
{
    /// <inheritdoc />
    public override LegacySchema PreMigrationSchema { get; } =
        new("WorkflowDbContext", "wf_instances", ["0A73CB152D4108481B2E9BEC5080180276EB40FC1192A7709C0BDE9E29FB62EE"]);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresWorkflowDbContext</c> build the model without a server.</summary>
public sealed class PostgresWorkflowDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresWorkflowDbContext>
{
    /// <inheritdoc />
    public PostgresWorkflowDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgresWorkflowDbContext>()
        .UseNpgsql("Host=localhost", o => o.MigrationsHistoryTable(WorkflowMigrations.HistoryTable)).Options);
}
