using MediatR;
using Orchestrator.Application.Messaging;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Application.Pathways;

/// <summary>One engine or activity event to reflect on the episode whose id is the instance's business key.</summary>
public sealed record ApplyWorkflowEventCommand(WorkflowEvent Event) : ICommand<Unit>;
