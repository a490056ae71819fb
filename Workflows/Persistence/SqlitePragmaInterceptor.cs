using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// The database is in WAL mode (set once at creation: readers run beside the single writer); synchronous=NORMAL in WAL mode survives a crash of the
/// process (a power cut may lose the last commits), which is the usual trade for an embedded store.
/// </summary>
public sealed class SqlitePragmaInterceptor(string synchronous = "NORMAL") : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection.GetType().Name != "SqliteConnection") return;
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
    }
}
