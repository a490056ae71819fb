namespace Orchestrator.Hosting;

/// <summary>
/// Wakes a background loop that otherwise polls: work committed in this process signals it at once, work left by other
/// nodes or due later is found by the poll. Waiting follows the <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public sealed class WakeSignal(TimeProvider clock)
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Wakes the loop (signals received while it runs count once).</summary>
    public void Signal()
    {
        if (_wake.CurrentCount == 0) try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>Waits for a signal or <paramref name="period"/> on the clock, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan period, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(period, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try { await _wake.WaitAsync(linked.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }

    /// <summary>
    /// Runs <paramref name="pass"/> until stopped, once at start then after each signal or <paramref name="period"/>; a pass
    /// that fails is logged and the next one tries again.
    /// </summary>
    public Task RunAsync(Func<CancellationToken, Task> pass, TimeSpan period, ILogger logger, string what, CancellationToken stoppingToken) =>
        RunAsync(async ct => { await pass(ct); return null; }, period, logger, what, stoppingToken);

    /// <summary>
    /// Runs <paramref name="pass"/> until stopped, once at start then after each signal, or at the instant the pass said its next
    /// work falls due (a retry, a claim lapsing), or after <paramref name="period"/>, whichever comes first; never sooner than
    /// <see cref="ShortestWait"/> after a pass, so that work another node took in between does not spin the loop. A pass that
    /// fails is logged and the next one tries again after <paramref name="period"/>.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task<DateTimeOffset?>> pass, TimeSpan period, ILogger logger, string what, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = period;
            try
            {
                if (await pass(stoppingToken) is { } nextDue)
                    wait = TimeSpan.FromTicks(Math.Clamp((nextDue - clock.GetUtcNow()).Ticks, ShortestWait.Ticks, period.Ticks));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{What} failed; trying again in {Period}", what, period);
            }
            await WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>The shortest wait between two passes that are not signalled: one second.</summary>
    public static readonly TimeSpan ShortestWait = TimeSpan.FromSeconds(1);
}
