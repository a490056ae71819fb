using System.Threading.Channels;
using Npgsql;

namespace Orchestrator.Components.Live;

/// <summary>
/// Carries live updates between nodes sharing one PostgreSQL database, with <c>LISTEN</c>/<c>NOTIFY</c> on the
/// <see cref="ChannelName"/> channel: a change committed on one node is announced with the node's id as payload, and every
/// other node's open screens reload. The listening connection is a dedicated one (not pooled, with TCP keepalive so a dead
/// peer is noticed); when it is lost the node logs it, reports itself degraded on <c>/health/ready</c> and reconnects with a
/// growing delay (<see cref="MinimumRetryDelay"/> doubling up to <see cref="MaximumRetryDelay"/>). Once back, its screens
/// reload once, since they may have missed changes meanwhile.
/// </summary>
public sealed partial class PostgresLiveBackplane : BackgroundService
{
    /// <summary>The PostgreSQL notification channel every node listens on.</summary>
    public const string ChannelName = "orchestrator_live";

    /// <summary>The wait before the first attempt to listen again after the connection was lost.</summary>
    public static readonly TimeSpan MinimumRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts, however long the outage.</summary>
    public static readonly TimeSpan MaximumRetryDelay = TimeSpan.FromSeconds(30);

    private readonly string _listenConnectionString;
    private readonly NpgsqlDataSource _notifier;
    private readonly LiveUpdates _live;
    private readonly TimeProvider _clock;
    private readonly ILogger<PostgresLiveBackplane> _logger;
    // At most one announcement waits while one is sent: a burst of commits becomes one or two notifications, never a queue.
    private readonly Channel<bool> _outgoing = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile bool _listening;
    private DateTimeOffset? _lostSince;

    /// <param name="connectionString">The application's PostgreSQL connection string (<c>ConnectionStrings:Postgres</c>).</param>
    /// <param name="live">The node's live updates: its commits are announced, the other nodes' are raised on it.</param>
    /// <param name="clock">Times the outage (<c>LostSince</c>) and the retries.</param>
    /// <param name="logger">Where losing and regaining the connection is logged.</param>
    public PostgresLiveBackplane(string connectionString, LiveUpdates live, TimeProvider clock, ILogger<PostgresLiveBackplane> logger)
    {
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false, // a LISTENing session must never go back to a pool
            KeepAlive = 10, // seconds idle before a keepalive query: a silently dropped connection fails WaitAsync instead of hanging
            ApplicationName = ListenerApplicationName,
        }.ConnectionString;
        _notifier = NpgsqlDataSource.Create(connectionString);
        _live = live;
        _clock = clock;
        _logger = logger;
        _live.CommittedHere += Announce;
    }

    /// <summary>The <c>application_name</c> of the listening session (what an operator sees in <c>pg_stat_activity</c>).</summary>
    public const string ListenerApplicationName = "orchestrator-live-updates";

    /// <summary>This node's id, the payload of its notifications; a node ignores its own.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>True while the node listens to the other nodes' changes.</summary>
    public bool Listening => _listening;

    /// <summary>Since when the node has not been listening (UTC), or null while it listens or before its first connection.</summary>
    public DateTimeOffset? LostSince => _lostSince;

    private void Announce() => _outgoing.Writer.TryWrite(true);

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), NotifyAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        var delay = MinimumRetryDelay;
        var everConnected = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload == NodeId) return;
                    LogReceived(_logger, e.Payload);
                    _live.Receive();
                };
                await connection.OpenAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChannelName}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                _listening = true;
                if (everConnected)
                {
                    LogReconnected(_logger, _clock.GetUtcNow() - (_lostSince ?? _clock.GetUtcNow()));
                    _live.Receive(); // changes committed elsewhere while this node was deaf
                }
                _lostSince = null;
                everConnected = true;
                LogListening(_logger, NodeId);
                delay = MinimumRetryDelay;
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _listening = false;
                _lostSince ??= _clock.GetUtcNow();
                LogLost(_logger, e, delay);
                try { await Task.Delay(delay, _clock, ct); }
                catch (OperationCanceledException) { break; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaximumRetryDelay.Ticks));
            }
        }
        _listening = false;
    }

    private async Task NotifyAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var _ in _outgoing.Reader.ReadAllAsync(ct))
            {
                try
                {
                    await using var notify = _notifier.CreateCommand("SELECT pg_notify(@channel, @node)");
                    notify.Parameters.AddWithValue("channel", ChannelName);
                    notify.Parameters.AddWithValue("node", NodeId);
                    await notify.ExecuteNonQueryAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The other nodes' screens miss this one reload; their next change, or the user's next action, reloads them.
                    LogAnnounceFailed(_logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>Stops announcing this node's commits, then stops listening.</summary>
    public override void Dispose()
    {
        _live.CommittedHere -= Announce;
        base.Dispose();
        _notifier.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live updates from the other nodes are not heard: the PostgreSQL listening connection failed; reconnecting in {Delay}")]
    private static partial void LogLost(ILogger logger, Exception e, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} listens to the other nodes' live updates")]
    private static partial void LogListening(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live updates from the other nodes are heard again after {Outage}")]
    private static partial void LogReconnected(ILogger logger, TimeSpan outage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live update from node {Node} handed to this node's screens")]
    private static partial void LogReceived(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live update could not be announced to the other nodes")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception e);
}
