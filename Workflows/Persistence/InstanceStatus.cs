namespace Orchestrator.Workflows.Persistence;

/// <summary>An instance's state: running, completed (every token reached an end), terminated (a terminate end event), cancelled (by a person or its caller).</summary>
public enum InstanceStatus
{
    /// <summary>At least one token is still moving or waiting.</summary>
    Running,
    /// <summary>Every token reached an end event.</summary>
    Completed,
    /// <summary>A terminate end event ended it.</summary>
    Terminated,
    /// <summary>Cancelled by a person or by its calling instance.</summary>
    Cancelled,
}
