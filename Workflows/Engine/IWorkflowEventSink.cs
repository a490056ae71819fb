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
}
