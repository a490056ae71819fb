using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Orchestrator.Workflows.Persistence.Migrations;

/// <summary>The engine's context on SQLite; its type selects the migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteWorkflowDbContext(DbContextOptions<SqliteWorkflowDbContext> options) : WorkflowDbContext(options)
{
    /// <inheritdoc />
    public override LegacySchema PreMigrationSchema { get; } =
        new("WorkflowDbContext", "wf_instances", ["4E573DAB04CE888A841961E521046B93802D0447E15A80C0CA04570EB9DBE5A7"]);
}

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteWorkflowDbContext</c> build the model without a host.</summary>
public sealed class SqliteWorkflowDbContextDesignFactory : IDesignTimeDbContextFactory<SqliteWorkflowDbContext>
{
    /// <inheritdoc />
    public SqliteWorkflowDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
        .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(WorkflowMigrations.HistoryTable)).Options);
}
