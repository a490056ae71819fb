namespace Orchestrator.Workflows.Runtime;

/// <summary>Outbox event types the engine itself writes; activities add their own.</summary>
public static class WorkflowEvents
{
    /// <summary>A user task was opened: payload <c>taskId</c>, <c>instanceId</c>, <c>businessKey</c>, <c>definitionKey</c>, <c>elementId</c>….</summary>
    public const string TaskCreated = "wf.task.created";
    /// <summary>A user task was completed; same payload as <see cref="TaskCreated"/>.</summary>
    public const string TaskCompleted = "wf.task.completed";
    /// <summary>A user task was cancelled (its scope ended, or an interrupting event); same payload as <see cref="TaskCreated"/>.</summary>
    public const string TaskCancelled = "wf.task.cancelled";

    /// <summary>
    /// An activity that was waiting for a message (ProposeHandoff for the answer) was cancelled with its scope (an error, a terminate
    /// end, an interrupting event, a loop's completion): payload <c>elementId</c>, <c>messageName</c>, <c>correlationKey</c>,
    /// <c>businessKey</c>. The host withdraws what the wait stood for, so that nobody answers a proposal nothing waits for.
    /// </summary>
    public const string WaitCancelled = "wf.wait.cancelled";
    /// <summary>An instance ended: payload <c>instanceId</c>, <c>businessKey</c>, <c>definitionKey</c>, <c>status</c> (an <see cref="Persistence.InstanceStatus"/> name).</summary>
    public const string InstanceEnded = "wf.instance.ended";
    /// <summary>A background step failed and an incident was recorded: payload <c>incidentId</c>, <c>instanceId</c>, <c>elementId</c>, <c>message</c>.</summary>
    public const string IncidentRaised = "wf.incident.raised";
}
