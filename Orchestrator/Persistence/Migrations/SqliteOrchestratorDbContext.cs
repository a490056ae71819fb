using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Persistence.Migrations;

/// <summary>The domain's context on SQLite; its type selects the migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteOrchestratorDbContext(DbContextOptions<SqliteOrchestratorDbContext> options) : OrchestratorDbContext(options)
{
    /// <inheritdoc />
    public override LegacySchema PreMigrationSchema { get; } =
        new("OrchestratorDbContext", "episodes", ["66E6E14CD09BAB6A2E3282DA05B3069E61CE59B841AA357CD2D0A73BE20E13DD"]);
}

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteOrchestratorDbContext</c> build the model without a host.</summary>
public sealed class SqliteOrchestratorDbContextDesignFactory : IDesignTimeDbContextFactory<SqliteOrchestratorDbContext>
{
    /// <inheritdoc />
    public SqliteOrchestratorDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqliteOrchestratorDbContext>()
        .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(DomainMigrations.HistoryTable)).Options);
}
