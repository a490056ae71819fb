using Npgsql;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Tests.Support;

/// <summary>
/// A throwaway database on the PostgreSQL server that <c>.ci/run</c> starts and names in
/// <c>ORCHESTRATOR_TEST_POSTGRES</c>; each test gets a database of its own and drops it.
/// </summary>
public sealed class TestPostgres
{
    public const string Variable = "ORCHESTRATOR_TEST_POSTGRES";

    private TestPostgres(string server, string database)
    {
        Server = server;
        Database = database;
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        Storage = new WorkflowStorage(DatabaseProvider.PostgreSql, connection, connection);
    }

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public string Server { get; }
    public string Database { get; }
    public WorkflowStorage Storage { get; }

    public static async Task<TestPostgres> CreateDatabaseAsync()
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException($"{Variable} is not set.");
        var database = "orchestrator_test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new TestPostgres(server, database);
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that needs the PostgreSQL server: reported as skipped, with the reason, where none is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.ServerConnectionString is null)
            Skip = $"No PostgreSQL server: set {TestPostgres.Variable} (.ci/run starts one and sets it).";
    }
}
