namespace Orchestrator.Workflows.Scheduling;

/// <summary>
/// Bounds a call into Quartz's store. A call that never returns — a lock statement blocked behind a session the
/// database has not cleaned up, or a back-off Quartz waits out on a scheduler clock that has stopped moving — would
/// otherwise hold the node's timer writes and its reconciler, which run one at a time, with nothing logged. Bounded,
/// it fails with a <see cref="TimeoutException"/> that the caller logs, and the next reconciliation tries again.
/// </summary>
internal static class QuartzStoreCall
{
    /// <summary>
    /// Runs <paramref name="call"/> and waits for it at most <see cref="QuartzTimerOptions.StoreCallTimeout"/>, measured on
    /// <see cref="QuartzTimerOptions.WallClock"/>. The token handed to the call is cancelled at the bound too; a call that
    /// ignores it is left to finish on its own (what it writes is idempotent, and the reconciler corrects what it leaves).
    /// </summary>
    /// <exception cref="TimeoutException">When the call has not returned within the bound; the message names <paramref name="what"/>.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="ct"/> is cancelled (the host is stopping).</exception>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, string what, QuartzTimerOptions options, CancellationToken ct)
    {
        using var bound = new CancellationTokenSource(options.StoreCallTimeout, options.WallClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, bound.Token);
        try
        {
            return await call(linked.Token).AsTask().WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Not a shutdown: said as a timeout, so that a caller which lets cancellation through does not take it for one.
            throw new TimeoutException($"Quartz's store did not answer « {what} » within {options.StoreCallTimeout}.");
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{CancellationToken, ValueTask{T}}, string, QuartzTimerOptions, CancellationToken)"/>
    public static Task RunAsync(Func<CancellationToken, ValueTask> call, string what, QuartzTimerOptions options, CancellationToken ct) =>
        RunAsync(async token => { await call(token); return true; }, what, options, ct);
}
