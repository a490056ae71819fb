namespace Orchestrator.Workflows.Engine;

/// <summary>Receives outbox events after their step committed, at least once and in order.</summary>
public interface IWorkflowEventSink
{
    Task HandleAsync(WorkflowEvent workflowEvent, CancellationToken ct);
}
