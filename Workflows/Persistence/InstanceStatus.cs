namespace Orchestrator.Workflows.Persistence;

public enum InstanceStatus
{
    Running,
    Completed,
    Terminated,
    Cancelled,
}
