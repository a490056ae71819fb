using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Workflows.Persistence.Writing;

/// <summary>
/// Folds the write-ahead log back into the database on a connection of its own, so that the copy and the
/// disk syncs a checkpoint costs never sit inside a commit that steps are waiting on (SQLite's automatic
/// checkpoint runs in whichever commit crosses its threshold). PASSIVE never blocks the writer or readers;
/// what it cannot copy yet is copied next time.
/// </summary>
internal sealed partial class WalCheckpointer(string connectionString, ILogger logger)
{
    /// <summary>About as often as SQLite's own automatic checkpoint (1,000 pages) would run for steps of a few pages each.</summary>
    private const int CommitsPerCheckpoint = 100;
    private int _commitsSinceCheckpoint;
    private Task _running = Task.CompletedTask;

    /// <summary>Called by the single writer after each commit; never waits.</summary>
    public void Committed()
    {
        if (++_commitsSinceCheckpoint < CommitsPerCheckpoint || !_running.IsCompleted) return;
        _commitsSinceCheckpoint = 0;
        _running = Task.Run(Checkpoint);
    }

    public Task WhenIdle() => _running;

    private void Checkpoint()
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            SqlitePragmaInterceptor.Apply(connection);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            LogCheckpointFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A checkpoint of the write-ahead log failed; the next one will catch up")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception e);
}
