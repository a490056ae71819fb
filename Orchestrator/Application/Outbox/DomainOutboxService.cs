namespace Orchestrator.Application.Outbox;

/// <summary>
/// Replays the domain outbox at start-up, then runs it on each signal, when its next entry falls due (a retry, a claim lapsing
/// on a node that died) or every <see cref="PollPeriod"/>, whichever comes first.
/// </summary>
public sealed class DomainOutboxService(DomainOutboxDispatcher dispatcher, ILogger<DomainOutboxService> logger) : BackgroundService
{
    /// <summary>How often the outbox is read when nothing signals.</summary>
    public static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(30);

    private bool _claimsReleased;

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        dispatcher.RunAsync(async ct =>
        {
            // Within the pass, so that a failure is logged and tried again with it rather than stopping the host.
            if (!_claimsReleased)
            {
                await dispatcher.ReleaseClaimsOfEarlierRunAsync(ct);
                _claimsReleased = true;
            }
            await dispatcher.ProcessDueAsync(ct);
            return await dispatcher.NextDueAsync(ct);
        }, PollPeriod, logger, "Processing the domain outbox", stoppingToken);
}
