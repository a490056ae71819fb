namespace Orchestrator.Workflows.Runtime;

/// <summary>Outbox event types the engine itself writes; activities add their own.</summary>
public static class WorkflowEvents
{
    public const string TaskCreated = "wf.task.created";
    public const string TaskCompleted = "wf.task.completed";
    public const string TaskCancelled = "wf.task.cancelled";
    public const string InstanceEnded = "wf.instance.ended";
    public const string IncidentRaised = "wf.incident.raised";
}
