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
    /// (one scope, one read of what they share). Throwing means the events from some point on were not applied; the dispatcher
    /// then hands them all over again one by one (<see cref="HandleAsync(WorkflowEvent, CancellationToken)"/>), which delivers
    /// those before the one that fails and holds it and the later ones; the ones applied already come again, as delivery is at
    /// least once. By default the events are handed over one by one.
    /// </summary>
    /// <param name="events">At least one event, all of the same business key (or instance), oldest first.</param>
    /// <param name="ct">Cancels the delivery; nothing of it is applied.</param>
    async Task HandleAsync(IReadOnlyList<WorkflowEvent> events, CancellationToken ct)
    {
        foreach (var workflowEvent in events) await HandleAsync(workflowEvent, ct);
    }
}
