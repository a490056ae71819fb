namespace Orchestrator.Application.Outbox;

/// <summary>Replays the domain outbox at start-up, then runs it on each signal or every <see cref="PollPeriod"/> (retries, claims lapsed on another node).</summary>
public sealed class DomainOutboxService(DomainOutboxDispatcher dispatcher, ILogger<DomainOutboxService> logger) : BackgroundService
{
    /// <summary>How often the outbox is read when nothing signals.</summary>
    public static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.ProcessDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The domain outbox could not be processed; trying again in {Period}", PollPeriod);
            }
            await dispatcher.WaitAsync(PollPeriod, stoppingToken);
        }
    }
}
