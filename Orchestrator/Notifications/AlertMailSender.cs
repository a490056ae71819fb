namespace Orchestrator.Notifications;

/// <summary>Sends the mails waiting in the database, on a signal after each alert or every <see cref="PollPeriod"/> (retries, other nodes' alerts).</summary>
public sealed class AlertMailSender(AlertMailOutbox outbox, ILogger<AlertMailSender> logger) : BackgroundService
{
    /// <summary>How often the table is read when nothing signals.</summary>
    public static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!outbox.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await outbox.SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending alert mails failed; trying again in {Period}", PollPeriod);
            }
            await outbox.WaitAsync(PollPeriod, stoppingToken);
        }
    }
}
