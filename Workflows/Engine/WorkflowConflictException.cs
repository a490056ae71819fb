namespace Orchestrator.Workflows.Engine;

/// <summary>Another step changed the instance first (or consumed the same bookmark); nothing of this step was written.</summary>
public sealed class WorkflowConflictException(string message, Exception? inner = null)
    : WorkflowException("conflict", message, inner);
