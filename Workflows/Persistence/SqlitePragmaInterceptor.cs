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
/// EF Core's connections are created here without the provider's decimal and <c>regexp</c> SQL functions (see
/// <see cref="ConnectionCreating"/>).
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // Pragmas belong to the native handle, which the connection pool keeps across opens: set them once per handle, not once per step.
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = new();

    /// <summary>
    /// Creates the context's connection itself, so that EF Core's SQLite provider does not attach its thirteen helpers for
    /// <c>decimal</c> arithmetic, comparison and aggregates, the <c>EF_DECIMAL</c> collation and <c>regexp</c>. Microsoft.Data.Sqlite
    /// registers a connection's functions again at every open, about 100 µs each time (measured: 76–171 µs against 2 µs for a bare
    /// pooled open), and every step, task answer and workflow event opens a connection or more. No column of either model is
    /// <c>decimal</c> and no query uses <c>Regex</c>; one that did would fail with « no such function: ef_… », not answer wrongly.
    /// </summary>
    public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
        result.HasResult || eventData.ConnectionString is not { } connectionString
            ? result
            : InterceptionResult<DbConnection>.SuppressWithResult(new SqliteConnection(connectionString));

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
