namespace Orchestrator.Workflows.Persistence;

/// <summary>An instance's state: running, completed (every token reached an end), terminated (a terminate end event), cancelled (by a person or its caller).</summary>
public enum InstanceStatus
{
    Running,
    Completed,
    Terminated,
    Cancelled,
}
