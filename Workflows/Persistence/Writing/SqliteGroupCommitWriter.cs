using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Workflows.Persistence.Writing;

/// <summary>
/// SQLite has one writer at a time: steps that each open their own write transaction mostly wait on its
/// lock and pay a commit apiece. Here steps still run side by side, but their writes go to one connection
/// that commits whatever has queued up in a single transaction, each step inside its own savepoint so that
/// a step that lost a concurrency race is undone alone. A step's caller is answered only after the commit
/// that holds its writes, so "committed" means what it meant before.
/// </summary>
public sealed partial class SqliteGroupCommitWriter : IStepWriter, IAsyncDisposable, IDisposable
{
    private const int MaxStepsPerCommit = 256;
    private readonly Channel<PendingStep> _queue = Channel.CreateUnbounded<PendingStep>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly string _connectionString;
    private readonly ILogger<SqliteGroupCommitWriter> _logger;
    private readonly Task _loop;
    private readonly WalCheckpointer _checkpointer;
    private SqliteConnection? _connection;

    /// <summary>Starts the writer on its own connection to <paramref name="connectionString"/>'s file.</summary>
    public SqliteGroupCommitWriter(string connectionString, ILogger<SqliteGroupCommitWriter> logger)
    {
        // Its own unpooled connection: closing the writer really releases the file.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _logger = logger;
        _checkpointer = new WalCheckpointer(_connectionString, logger);
        _loop = Task.Run(RunAsync);
    }

    /// <inheritdoc/>
    public Task<bool> WriteAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var writes = ChangeCapture.Capture(db);
        if (writes.Count == 0) return Task.FromResult(true);
        var step = new PendingStep(writes);
        if (!_queue.Writer.TryWrite(step)) throw new ObjectDisposedException(nameof(SqliteGroupCommitWriter));
        // Not cancellable once queued: a caller that walked away could miss the post-commit work of a step that did commit.
        return step.Outcome.Task;
    }

    /// <summary>For a container disposed synchronously: waits the same way.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Commits what is queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await _checkpointer.WhenIdle();
        CloseConnection();
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingStep>(MaxStepsPerCommit);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxStepsPerCommit && _queue.Reader.TryRead(out var step)) batch.Add(step);
            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<PendingStep> batch)
    {
        var outcomes = new StepOutcome[batch.Count];
        try
        {
            var connection = Connection();
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                for (var i = 0; i < batch.Count; i++) outcomes[i] = Apply(batch[i], transaction);
                transaction.Commit();
            }
        }
        catch (Exception e)
        {
            // BEGIN or COMMIT failed, or the transaction broke: nothing of this batch is in the database.
            LogBatchFailed(_logger, batch.Count, e);
            CloseConnection();
            foreach (var step in batch) step.Outcome.TrySetException(new DbUpdateException("The step could not be written; nothing was saved.", e));
            return;
        }
        _checkpointer.Committed();
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error) batch[i].Outcome.TrySetException(error);
            else batch[i].Outcome.TrySetResult(outcomes[i].Committed);
        }
    }

    private StepOutcome Apply(PendingStep step, SqliteTransaction transaction)
    {
        Execute("SAVEPOINT step", [], transaction);
        try
        {
            foreach (var write in step.Writes)
            {
                var rows = Execute(write.Sql, write.Values, transaction);
                if (write.MustTouchOneRow && rows != 1)
                {
                    Undo(transaction);
                    return new StepOutcome(false, null);
                }
            }
            Execute("RELEASE step", [], transaction);
            return new StepOutcome(true, null);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: this step's data, not the batch, is at fault
        {
            Undo(transaction);
            return new StepOutcome(false, new DbUpdateException("The step broke a database constraint; nothing was saved.", e));
        }
    }

    private void Undo(SqliteTransaction transaction)
    {
        Execute("ROLLBACK TO step", [], transaction);
        Execute("RELEASE step", [], transaction);
    }

    private int Execute(string sql, RowValue[] values, SqliteTransaction transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = transaction.Connection!.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        for (var i = 0; i < values.Length; i++)
            command.Parameters.Add(values[i].Mapping.CreateParameter(command, "@p" + i, values[i].Value, values[i].Nullable));
        return command.ExecuteNonQuery();
    }

    private SqliteConnection Connection()
    {
        if (_connection is not null) return _connection;
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        SqlitePragmaInterceptor.Apply(connection);
        using (var manual = connection.CreateCommand())
        {
            // Checkpoints run beside the writer (WalCheckpointer), not inside whichever commit crosses the threshold.
            manual.CommandText = "PRAGMA wal_autocheckpoint=0;";
            manual.ExecuteNonQuery();
        }
        return _connection = connection;
    }

    private void CloseConnection()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    private readonly record struct StepOutcome(bool Committed, Exception? Error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Steps} steps failed; none of them was written")]
    private static partial void LogBatchFailed(ILogger logger, int steps, Exception e);
}
