using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Orchestrator.Notifications;

/// <summary>
/// Alerts waiting to be mailed. Workflow events are dispatched without waiting on the SMTP relay: the
/// handler only queues the alert, and <see cref="AlertMailSender"/> sends. A mail that fails is tried
/// again after 1, 5 and 30 minutes, then given up (logged); the alert itself is committed and on the
/// boards whatever happens to its mail.
/// </summary>
public sealed partial class AlertMailQueue(AlertMailer mailer, TimeProvider clock, ILogger<AlertMailQueue> logger)
{
    private static readonly TimeSpan[] Retries = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];
    private readonly Channel<(Guid AlertId, int Attempt)> _queue = Channel.CreateUnbounded<(Guid, int)>();
    // A timer nobody references may be collected before it fires: the pending retries hold theirs.
    private readonly ConcurrentDictionary<ITimer, bool> _retries = new();

    public void Enqueue(Guid alertId) => _queue.Writer.TryWrite((alertId, 0));

    /// <summary>Sends mails as they come, until stopped.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(ct)) await SendAsync(item, ct);
    }

    /// <summary>Sends every mail queued so far (tests, and a host shutting down).</summary>
    public async Task DrainAsync(CancellationToken ct = default)
    {
        while (_queue.Reader.TryRead(out var item)) await SendAsync(item, ct);
    }

    private async Task SendAsync((Guid AlertId, int Attempt) item, CancellationToken ct)
    {
        try
        {
            await mailer.SendAsync(item.AlertId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (item.Attempt >= Retries.Length)
            {
                LogGivenUp(logger, e, item.AlertId, item.Attempt + 1);
                return;
            }
            LogWillRetry(logger, e, item.AlertId, Retries[item.Attempt]);
            RetryLater(item.AlertId, item.Attempt + 1, Retries[item.Attempt]);
        }
    }

    private void RetryLater(Guid alertId, int attempt, TimeSpan delay)
    {
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            _queue.Writer.TryWrite((alertId, attempt));
            if (timer is not null && _retries.TryRemove(timer, out bool _)) timer.Dispose();
        }, null, delay, Timeout.InfiniteTimeSpan);
        _retries[timer] = true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} could not be mailed; trying again in {Delay}")]
    private static partial void LogWillRetry(ILogger logger, Exception e, Guid alertId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} could not be mailed after {Attempts} attempts; giving up")]
    private static partial void LogGivenUp(ILogger logger, Exception e, Guid alertId, int attempts);
}
