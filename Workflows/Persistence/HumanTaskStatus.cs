namespace Orchestrator.Workflows.Persistence;

/// <summary>A user task's state: open (waiting for someone), completed (with its values), or cancelled (its scope ended, a boundary event interrupted it).</summary>
public enum HumanTaskStatus
{
    /// <summary>Waiting for someone to complete it.</summary>
    Open,
    /// <summary>Completed, with its values.</summary>
    Completed,
    /// <summary>Ended without being completed.</summary>
    Cancelled,
}
