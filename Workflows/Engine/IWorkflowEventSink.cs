namespace Orchestrator.Workflows.Engine;

/// <summary>
/// Receives outbox events after their step committed, at least once, in order for each business key (each episode; without
/// one, each instance). Events of different business keys may be handed over at the same time
/// (<see cref="WorkflowOptions.OutboxParallelism"/>), so an implementation is safe to call from several threads.
/// </summary>
public interface IWorkflowEventSink
{
    /// <summary>Applies one event; throwing leaves it, and the later events of its business key, in the outbox for the next drain.</summary>
    Task HandleAsync(WorkflowEvent workflowEvent, CancellationToken ct);

    /// <summary>
    /// Applies consecutive events of one business key, in order, each whole or not at all, as one unit of work where the sink can
    /// (one scope, one read of what they share). Should one fail, the sink throws <see cref="EventBatchStoppedException"/>
    /// saying how many were applied before it: the dispatcher counts those delivered and hands over the rest one by one
    /// (<see cref="HandleAsync(WorkflowEvent, CancellationToken)"/>), which holds the failing one and the later ones. Any other
    /// exception means nothing of the batch can be counted as applied, and all of it comes again one by one. By default the
    /// events are handed over one by one.
    /// </summary>
    /// <param name="events">At least one event, all of the same business key (or instance), oldest first.</param>
    /// <param name="ct">Cancels the delivery; what was applied before it stays applied and may come again (at least once).</param>
    /// <exception cref="EventBatchStoppedException">An event could not be applied; the ones before it were.</exception>
    async Task HandleAsync(IReadOnlyList<WorkflowEvent> events, CancellationToken ct)
    {
        for (var applied = 0; applied < events.Count; applied++)
        {
            try
            {
                await HandleAsync(events[applied], ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new EventBatchStoppedException(applied, e);
            }
        }
    }
}

/// <summary>
/// A batch of workflow events stopped at one that could not be applied (the inner exception): the first <see cref="Applied"/>
/// events were applied, and only them.
/// </summary>
public sealed class EventBatchStoppedException(int applied, Exception cause)
    : Exception($"Workflow event {applied + 1} of a batch could not be applied ({cause.Message}); the {applied} before it were.", cause)
{
    /// <summary>How many events of the batch, from its first, were applied before the one that failed.</summary>
    public int Applied { get; } = applied;
}
