namespace Orchestrator.Workflows.Runtime;

/// <summary>Outbox event types the engine itself writes; activities add their own.</summary>
public static class WorkflowEvents
{
    public const string TaskCreated = "wf.task.created";
    public const string TaskCompleted = "wf.task.completed";
    public const string TaskCancelled = "wf.task.cancelled";

    /// <summary>
    /// An activity that was waiting for a message (ProposeHandoff for the answer) was cancelled with its scope (an error, a terminate
    /// end, an interrupting event, a loop's completion): payload <c>elementId</c>, <c>messageName</c>, <c>correlationKey</c>,
    /// <c>businessKey</c>. The host withdraws what the wait stood for, so that nobody answers a proposal nothing waits for.
    /// </summary>
    public const string WaitCancelled = "wf.wait.cancelled";
    public const string InstanceEnded = "wf.instance.ended";
    public const string IncidentRaised = "wf.incident.raised";
}
