using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// Every SQLite connection the project opens (engine, domain, Quartz): WAL mode, so readers run beside the single writer (recorded in the
/// file; asking again is a no-op); synchronous=NORMAL, which in WAL mode survives a crash of the process (a power cut may lose the last
/// commits), the usual trade for an embedded store; savepoints and sorts in memory, not temporary files.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // Pragmas belong to the native handle, which the connection pool keeps across opens: set them once per handle, not once per step.
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = new();

    /// <inheritdoc/>
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    /// <inheritdoc/>
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>Sets the pragmas on <paramref name="connection"/>'s native handle, once per handle; other providers' connections are left alone.</summary>
    public static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || Configured.TryGetValue(handle, out _)) return;
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=30000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;";
        command.ExecuteNonQuery();
        Configured.AddOrUpdate(handle, Configured);
    }
}
