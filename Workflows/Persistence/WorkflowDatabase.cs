using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orchestrator.Workflows.Persistence;

public static class WorkflowDatabase
{
    /// <summary>
    /// Creates the engine's tables when they are missing. Unlike EnsureCreated this also works when the
    /// host's own tables already share the database file.
    /// </summary>
    public static async Task CreateTablesIfMissingAsync(DbContext db, string probeTable, CancellationToken ct = default)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct)) await creator.CreateAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsSqlite()
                ? $"SELECT count(*) FROM sqlite_master WHERE type='table' AND name='{probeTable}'"
                : $"SELECT count(*) FROM information_schema.tables WHERE table_name='{probeTable}'";
            var exists = Convert.ToInt64(await command.ExecuteScalarAsync(ct)) > 0;
            if (db.Database.IsSqlite())
            {
                await using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode=WAL;"; // persistent: recorded in the file once
                await wal.ExecuteScalarAsync(ct);
            }
            if (!exists) await creator.CreateTablesAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
