using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orchestrator.Workflows.Persistence;

public static class WorkflowDatabase
{
    /// <summary>
    /// Tables are created from the model, without migrations yet; a database written by another version of
    /// the model would fail later with obscure SQL errors, so it is refused at start-up with a clear one.
    /// </summary>
    private static async Task CheckSchemaAsync(DbContext db, System.Data.Common.DbConnection connection, bool created, CancellationToken ct)
    {
        var context = db.GetType().Name;
        var fingerprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(db.Model.ToDebugString(Microsoft.EntityFrameworkCore.Infrastructure.MetadataDebugStringOptions.LongDefault))));
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS orc_schema (context VARCHAR(200) PRIMARY KEY, fingerprint VARCHAR(64) NOT NULL)";
            await create.ExecuteNonQueryAsync(ct);
        }
        string? stored;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT fingerprint FROM orc_schema WHERE context = '{context}'";
            stored = await read.ExecuteScalarAsync(ct) as string;
        }
        if (stored == fingerprint) return;
        if (stored is not null || !created)
            throw new InvalidOperationException($"The database was created by another version of Orchestrator ({context} schema differs). " +
                "Schema migrations are not available yet: start from an empty database (for the embedded demo, delete the data folder).");
        await using var write = connection.CreateCommand();
        write.CommandText = $"INSERT INTO orc_schema (context, fingerprint) VALUES ('{context}', '{fingerprint}')";
        await write.ExecuteNonQueryAsync(ct);
    }

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
            if (!exists) await creator.CreateTablesAsync(ct);
            await CheckSchemaAsync(db, connection, created: !exists, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
