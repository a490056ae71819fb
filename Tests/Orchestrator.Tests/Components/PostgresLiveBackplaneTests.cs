using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orchestrator.Components.Live;
using Orchestrator.Hosting.Health;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Tests.Components;

/// <summary>Live updates between two nodes through PostgreSQL LISTEN/NOTIFY, on the real server.</summary>
public sealed class PostgresLiveBackplaneTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private TestPostgres? _database;
    // Completed, then replaced, whenever a node does something a wait reads: its screens hear a change, or it logs (it logs each
    // time it starts or stops listening, after setting Listening).
    private TaskCompletionSource _activity = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        if (TestPostgres.ServerConnectionString is not null) _database = await TestPostgres.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DropAsync();
    }

    [PostgresFact]
    public async Task A_change_committed_on_one_node_reloads_the_screens_of_the_other_and_a_node_ignores_its_own_announcement()
    {
        await using var a = await NodeAsync();
        await using var b = await NodeAsync();

        a.Live.Publish();
        await Until(() => b.Heard == 1, "node B hears node A's change");
        b.Live.Publish();
        // Notifications reach a listener in commit order: once A hears B's, it has already had (and ignored) its own.
        await Until(() => a.Heard == 2, "node A hears node B's change");
        Assert.Equal(2, a.Heard); // its own change once, locally; B's once
        Assert.Equal(2, b.Heard);
    }

    [PostgresFact]
    public async Task A_lost_listening_connection_is_logged_then_reconnected_and_the_screens_reload_for_what_they_may_have_missed()
    {
        await using var a = await NodeAsync();
        await using var b = await NodeAsync();

        await using (var admin = new NpgsqlConnection(_database!.Storage.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", admin);
            kill.Parameters.AddWithValue("name", PostgresLiveBackplane.ListenerApplicationName);
            Assert.Equal(2L, await kill.ExecuteScalarAsync());
        }

        await Until(() => b.Logs.Any(l => l.Contains("not heard")), "the lost connection is logged");
        await Until(() => b.Backplane.Listening && b.Logs.Any(l => l.Contains("heard again")), "node B listens again");
        Assert.True(b.Heard >= 1); // its screens reloaded once it was back
        var before = b.Heard;
        await Until(() => a.Backplane.Listening, "node A listens again");
        a.Live.Publish();
        await Until(() => b.Heard == before + 1, "node B hears node A after reconnecting");
    }

    [PostgresFact]
    public async Task A_node_that_cannot_listen_reports_itself_degraded_and_keeps_trying()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(_database!.Storage.ConnectionString) { Database = "orchestrator_missing_" + Guid.NewGuid().ToString("N") };
        await using var node = await NodeAsync(unreachable.ConnectionString, waitUntilListening: false);

        await Until(() => node.Logs.Count(l => l.Contains("not heard")) >= 2, "two failed attempts are logged");
        var health = await new LiveUpdatesCheck(node.Backplane).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("since", health.Description);
        Assert.False(node.Backplane.Listening);
    }

    private async Task<Node> NodeAsync(string? connectionString = null, bool waitUntilListening = true)
    {
        var node = new Node(connectionString ?? _database!.Storage.ConnectionString, Activity);
        await node.Backplane.StartAsync(CancellationToken.None);
        if (waitUntilListening)
        {
            await Until(() => node.Backplane.Listening, "the node listens");
            var health = await new LiveUpdatesCheck(node.Backplane).CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Healthy, health.Status);
        }
        return node;
    }

    private void Activity() => Interlocked.Exchange(ref _activity, new(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();

    /// <summary>Checks <paramref name="condition"/> again after each activity of a node, until it holds or the deadline passes.</summary>
    private async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var activity = Volatile.Read(ref _activity).Task; // before the check: what happens after it completes this
            if (condition()) return;
            try
            {
                await activity.WaitAsync(TimeSpan.FromTicks(Math.Max(0, (deadline - DateTime.UtcNow).Ticks)));
            }
            catch (TimeoutException)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
        }
    }

    private sealed class Node : IAsyncDisposable
    {
        private int _heard;

        public Node(string connectionString, Action activity)
        {
            Live.Changed += () =>
            {
                Interlocked.Increment(ref _heard);
                activity();
            };
            Backplane = new PostgresLiveBackplane(connectionString, Live, TimeProvider.System, new RecordingLogger(Logs, activity));
        }

        public LiveUpdates Live { get; } = new();
        public PostgresLiveBackplane Backplane { get; }
        public ConcurrentQueue<string> Logs { get; } = new();
        public int Heard => Volatile.Read(ref _heard);

        public async ValueTask DisposeAsync()
        {
            await Backplane.StopAsync(CancellationToken.None);
            Backplane.Dispose();
        }
    }

    private sealed class RecordingLogger(ConcurrentQueue<string> lines, Action logged) : ILogger<PostgresLiveBackplane>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue($"{logLevel} {formatter(state, exception)}");
            logged();
        }
    }
}
