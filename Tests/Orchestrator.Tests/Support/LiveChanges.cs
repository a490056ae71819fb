using Npgsql;
using Orchestrator.Components.Live;

namespace Orchestrator.Tests.Support;

/// <summary>
/// The live updates the host processes announce on PostgreSQL, heard as another node hears them: <c>LISTEN</c> on the channel
/// of <see cref="PostgresLiveBackplane"/>, which a host notifies after each commit that changes a pathway (a task, a handoff, a
/// milestone…). A test that waits for such a change takes <see cref="Next"/>, looks at the database, and looks again only
/// once <see cref="Next"/> completes: a change committed after the look is announced after it.
/// </summary>
public sealed class LiveChanges : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _listening;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LiveChanges(NpgsqlConnection connection)
    {
        _connection = connection;
        _connection.Notification += (_, _) => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
        _listening = ListenAsync();
    }

    /// <summary>Completes at the next announcement after it was read; faults if the listening connection fails.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Listens on <paramref name="connectionString"/>'s database; the <c>LISTEN</c> is in force when this returns.</summary>
    public static async Task<LiveChanges> ListenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresLiveBackplane.ChannelName}", connection))
            await listen.ExecuteNonQueryAsync();
        return new LiveChanges(connection);
    }

    private async Task ListenAsync()
    {
        try
        {
            while (true) await _connection.WaitAsync(_stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            // A wait must not sit out its deadline on a listener that went deaf: it fails with the reason.
            Volatile.Read(ref _next).TrySetException(new InvalidOperationException("The test stopped hearing the hosts' live updates.", e));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listening;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
