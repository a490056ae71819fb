namespace Orchestrator.Notifications;

/// <summary>Sends the mails waiting in the database, on a signal after each alert or every <see cref="PollPeriod"/> (retries, other nodes' alerts).</summary>
public sealed class AlertMailSender(AlertMailOutbox outbox, ILogger<AlertMailSender> logger) : BackgroundService
{
    /// <summary>How often the table is read when nothing signals.</summary>
    public static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(30);

    private bool _claimsReleased;

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        outbox.Enabled
            ? outbox.RunAsync(async ct =>
            {
                // Within the pass, so that a failure is logged and tried again with it rather than stopping the host.
                if (!_claimsReleased)
                {
                    await outbox.ReleaseClaimsOfEarlierRunAsync(ct);
                    _claimsReleased = true;
                }
                await outbox.SendDueAsync(ct);
            }, PollPeriod, logger, "Sending alert mails", stoppingToken)
            : Task.CompletedTask;
}
