using Orchestrator.Application.Messaging;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Application.Pathways;

/// <summary>Turns committed workflow events into domain commands, each in its own scope and unit of work.</summary>
public sealed class WorkflowEventBridge(IServiceScopeFactory scopes) : IWorkflowEventSink
{
    public Task HandleAsync(WorkflowEvent workflowEvent, CancellationToken ct) =>
        scopes.SendAsAsync(null, new ApplyWorkflowEventCommand(workflowEvent), ct);
}
