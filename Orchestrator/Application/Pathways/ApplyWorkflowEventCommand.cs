using MediatR;
using Orchestrator.Application.Messaging;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Application.Pathways;

/// <summary>
/// Engine or activity events to reflect on the episode whose id is the instances' business key, oldest first: one event, or the
/// consecutive events of one episode the outbox handed over together, applied in order in one scope, each whole or not at all
/// (see <see cref="ApplyWorkflowEventHandler"/>).
/// </summary>
public sealed record ApplyWorkflowEventCommand(IReadOnlyList<WorkflowEvent> Events) : ICommand<Unit>
{
    /// <summary>One event on its own.</summary>
    public ApplyWorkflowEventCommand(WorkflowEvent workflowEvent) : this([workflowEvent]) { }
}
