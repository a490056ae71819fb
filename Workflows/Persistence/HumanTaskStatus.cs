namespace Orchestrator.Workflows.Persistence;

/// <summary>A user task's state: open (waiting for someone), completed (with its values), or cancelled (its scope ended, a boundary event interrupted it).</summary>
public enum HumanTaskStatus
{
    Open,
    Completed,
    Cancelled,
}
