using MediatR;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Application.Pathways;

/// <summary>Turns committed workflow events into domain commands, each in its own scope and unit of work.</summary>
public sealed class WorkflowEventBridge(IServiceScopeFactory scopes) : IWorkflowEventSink
{
    public async Task HandleAsync(WorkflowEvent workflowEvent, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ApplyWorkflowEventCommand(workflowEvent), ct);
    }
}
