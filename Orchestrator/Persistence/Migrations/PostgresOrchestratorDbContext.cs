using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Persistence.Migrations;

/// <summary>The domain's context on PostgreSQL; its type selects the migrations in <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgresOrchestratorDbContext(DbContextOptions<PostgresOrchestratorDbContext> options) : OrchestratorDbContext(options)
{
    /// <inheritdoc />
    public override LegacySchema PreMigrationSchema { get; } =
        new("OrchestratorDbContext", "episodes", ["3CC8F41D1974068A1496DD7D419E3332B6180F2450C1256E2F8602284578F90C"]);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresOrchestratorDbContext</c> build the model without a server.</summary>
public sealed class PostgresOrchestratorDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresOrchestratorDbContext>
{
    /// <inheritdoc />
    public PostgresOrchestratorDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgresOrchestratorDbContext>()
        .UseNpgsql("Host=localhost", o => o.MigrationsHistoryTable(DomainMigrations.HistoryTable)).Options);
}
