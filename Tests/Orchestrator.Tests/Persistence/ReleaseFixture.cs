using System.Data.Common;
using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// A database written by the release before migrations (2026-11-30), with its demo data: the SQLite file the app
/// created and filled, and a PostgreSQL dump of the same release's schema with demo data generated on it.
/// </summary>
public sealed class ReleaseFixture : IAsyncDisposable
{
    /// <summary>Both fixtures were generated shortly before this instant; their demo histories end there.</summary>
    public static readonly DateTimeOffset GeneratedBefore = new(2026, 11, 30, 16, 0, 0, TimeSpan.Zero);

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures");
    private readonly string? _directory;
    private readonly TestPostgres? _postgres;

    private ReleaseFixture(WorkflowStorage storage, string? directory, TestPostgres? postgres)
    {
        Storage = storage;
        _directory = directory;
        _postgres = postgres;
    }

    public WorkflowStorage Storage { get; }

    public static async Task<ReleaseFixture> SqliteAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "upgrade-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await using (var source = new GZipStream(File.OpenRead(Path.Combine(Folder, "release-2026-11-30.sqlite.db.gz")), CompressionMode.Decompress))
        await using (var target = File.Create(Path.Combine(directory, "orchestrator.db")))
            await source.CopyToAsync(target);
        return new ReleaseFixture(WorkflowStorage.SqliteFiles(Path.Combine(directory, "orchestrator.db"), Path.Combine(directory, "quartz.db")), directory, null);
    }

    public static async Task<ReleaseFixture> PostgresAsync()
    {
        var postgres = await TestPostgres.CreateDatabaseAsync();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(Folder, "release-2026-11-30.postgres.sql.gz")), CompressionMode.Decompress));
        // pg_dump empties the search path for its own session; the restored tables stay in the public schema.
        var script = string.Join('\n', (await reader.ReadToEndAsync()).Split('\n').Where(line => !line.StartsWith("SELECT pg_catalog.set_config")));
        await using var connection = new NpgsqlConnection(postgres.Storage.ConnectionString);
        await connection.OpenAsync();
        await using (var restore = new NpgsqlCommand(script, connection) { CommandTimeout = 300 })
            await restore.ExecuteNonQueryAsync();
        return new ReleaseFixture(postgres.Storage, null, postgres);
    }

    /// <summary>Runs a scalar query on the fixture's database with plain ADO.NET, outside any context.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using DbConnection connection = Storage.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(Storage.ConnectionString) : new NpgsqlConnection(Storage.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Quoted identifiers: PostgreSQL keeps EF Core's column names in their case.
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_postgres is not null) await _postgres.DropAsync();
        if (_directory is not null) try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
