namespace Orchestrator.Workflows.Engine;

public sealed class WorkflowNotFoundException(string message) : WorkflowException("not-found", message);
