namespace Orchestrator.Workflows.Engine;

/// <summary>
/// Another step changed the instance first (or consumed the same bookmark); nothing of this step was written. The message is
/// English, for logs; <see cref="Conflict"/> says which conflict it was, so the host can tell the user in their language.
/// </summary>
public sealed class WorkflowConflictException(WorkflowConflict conflict, string message, Exception? inner = null)
    : WorkflowException("conflict", message, inner)
{
    /// <summary>Which conflict refused the step.</summary>
    public WorkflowConflict Conflict { get; } = conflict;
}

/// <summary>Why a step was refused as a conflict.</summary>
public enum WorkflowConflict
{
    /// <summary>The task was already completed or cancelled (by someone else, or by a boundary event).</summary>
    TaskNotOpen,

    /// <summary>The instance had already ended.</summary>
    InstanceEnded,

    /// <summary>Another step committed on the same instance meanwhile, every retry included.</summary>
    ConcurrentChange,

    /// <summary>The incident was already resolved.</summary>
    IncidentResolved,
}
