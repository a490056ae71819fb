using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Migrations;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Persistence.Migrations;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Tests.Persistence;

public sealed class SchemaMigrationTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "migrations-" + Guid.NewGuid().ToString("N"));
    private WorkflowStorage Storage => WorkflowStorage.SqliteFiles(Path.Combine(_directory, "orchestrator.db"), Path.Combine(_directory, "quartz.db"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public static TheoryData<string> Contexts => new() { "sqlite-engine", "sqlite-domain", "postgres-engine", "postgres-domain" };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Every_model_change_comes_with_a_migration_for_each_provider(string context)
    {
        using DbContext db = context switch
        {
            "sqlite-engine" => new SqliteWorkflowDbContextDesignFactory().CreateDbContext([]),
            "sqlite-domain" => new SqliteOrchestratorDbContextDesignFactory().CreateDbContext([]),
            "postgres-engine" => new PostgresWorkflowDbContextDesignFactory().CreateDbContext([]),
            _ => new PostgresOrchestratorDbContextDesignFactory().CreateDbContext([]),
        };
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {context} model changed without a migration: run `dotnet ef migrations add <Name> --context {db.GetType().Name} …` (see README).");
    }

    [Fact]
    public async Task An_empty_database_gets_every_table_from_the_migrations_and_a_second_start_changes_nothing()
    {
        await using var services = new ServiceCollection().AddClockDrivenOrchestrator(Storage, TimeProvider.System).BuildServiceProvider();
        Assert.NotEmpty(await DomainServices.PendingMigrationsAsync(services));
        await DomainServices.MigrateDatabaseAsync(services);
        Assert.Empty(await DomainServices.PendingMigrationsAsync(services));
        await DomainServices.MigrateDatabaseAsync(services);
        await using var scope = services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().People.CountAsync());
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_an_empty_database_apply_each_migration_once()
    {
        await using var first = new ServiceCollection().AddClockDrivenOrchestrator(Storage, TimeProvider.System).BuildServiceProvider();
        await using var second = new ServiceCollection().AddClockDrivenOrchestrator(Storage, TimeProvider.System).BuildServiceProvider();
        await Task.WhenAll(Task.Run(() => DomainServices.MigrateDatabaseAsync(first)), Task.Run(() => DomainServices.MigrateDatabaseAsync(second)));
        await using var connection = new SqliteConnection(Storage.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in new[] { WorkflowMigrations.HistoryTable, DomainMigrations.HistoryTable })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) - count(DISTINCT MigrationId) FROM {table}";
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public async Task A_database_with_tables_no_release_wrote_is_refused_with_a_clear_message_and_left_untouched()
    {
        await using (var connection = new SqliteConnection(Storage.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE wf_instances (Id TEXT); CREATE TABLE orc_schema (context TEXT, fingerprint TEXT); " +
                "INSERT INTO orc_schema VALUES ('WorkflowDbContext', 'A-DEVELOPMENT-BUILD');";
            await command.ExecuteNonQueryAsync();
        }
        await using var services = new ServiceCollection().AddClockDrivenOrchestrator(Storage, TimeProvider.System).BuildServiceProvider();

        var refused = await Assert.ThrowsAsync<SchemaMigrationException>(() => DomainServices.MigrateDatabaseAsync(services));

        Assert.Contains("not written by a known release", refused.Message);
        Assert.Contains("A-DEVELOPMENT-BUILD", refused.Message);
        await using var check = new SqliteConnection(Storage.ConnectionString);
        await check.OpenAsync();
        await using var tables = check.CreateCommand();
        tables.CommandText = "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)";
        Assert.Equal("orc_schema,wf_instances", await tables.ExecuteScalarAsync());
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
