using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Cli;

/// <summary>The fresh database a benchmark runs on: SQLite files in a temporary folder, or a new database on a PostgreSQL server; gone afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly bool _keep;
    private readonly string? _server;
    private readonly string? _database;

    private BenchDatabase(WorkflowStorage storage, string? directory, string? server, string? database, bool keep = false)
    {
        _keep = keep;
        Storage = storage;
        _directory = directory;
        _server = server;
        _database = database;
    }

    public WorkflowStorage Storage { get; }

    public string Description => _server is null ? "SQLite" : "PostgreSQL";

    /// <summary>
    /// A fresh database: SQLite files in a new temporary folder, or in <paramref name="keepIn"/> (created, and kept afterwards,
    /// named as the web app's data folder names them so it can be opened there), or a new database on <paramref name="postgresServer"/>.
    /// </summary>
    /// <exception cref="IOException"><paramref name="keepIn"/> already holds a database.</exception>
    public static async Task<BenchDatabase> CreateAsync(string? postgresServer, string? keepIn = null)
    {
        if (postgresServer is null && keepIn is not null)
        {
            var file = Path.Combine(Path.GetFullPath(keepIn), "orchestrator.db");
            if (File.Exists(file)) throw new IOException($"{file} already exists; --keep needs a folder without a database.");
            Directory.CreateDirectory(keepIn);
            return new BenchDatabase(WorkflowStorage.SqliteFiles(file, Path.Combine(Path.GetFullPath(keepIn), "quartz.db")), keepIn, null, null, keep: true);
        }
        if (postgresServer is null)
        {
            var directory = Path.Combine(Path.GetTempPath(), "orchestrator-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            return new BenchDatabase(WorkflowStorage.SqliteFiles(Path.Combine(directory, "bench.db"), Path.Combine(directory, "quartz.db")), directory, null, null);
        }
        var database = "orchestrator_bench_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(postgresServer))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(postgresServer) { Database = database }.ConnectionString;
        return new BenchDatabase(new WorkflowStorage(DatabaseProvider.PostgreSql, cs, cs), null, postgresServer, database);
    }

    /// <summary>The engine's database size: the SQLite file once its write-ahead log is folded back in, or PostgreSQL's own count.</summary>
    public Task<long> BytesAsync(EngineHost host) => BytesAsync(host.Services);

    /// <summary>The database size, read through the engine's context of <paramref name="services"/>.</summary>
    public async Task<long> BytesAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        if (_server is not null)
            return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        return new FileInfo(new SqliteConnectionStringBuilder(Storage.ConnectionString).DataSource).Length;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_keep) return;
        if (_directory is not null)
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
            return;
        }
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
