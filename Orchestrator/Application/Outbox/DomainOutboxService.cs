namespace Orchestrator.Application.Outbox;

/// <summary>Replays the domain outbox at start-up, then runs it on each signal or every <see cref="PollPeriod"/> (retries, claims lapsed on another node).</summary>
public sealed class DomainOutboxService(DomainOutboxDispatcher dispatcher, ILogger<DomainOutboxService> logger) : BackgroundService
{
    /// <summary>How often the outbox is read when nothing signals.</summary>
    public static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        dispatcher.RunAsync(dispatcher.ProcessDueAsync, PollPeriod, logger, "Processing the domain outbox", stoppingToken);
}
