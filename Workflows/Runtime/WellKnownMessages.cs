namespace Orchestrator.Workflows.Runtime;

public static class WellKnownMessages
{
    /// <summary>Thrown by a called instance when it ends; the calling activity waits for it, keyed by the child's id.</summary>
    public const string CallActivityCompleted = "wf:call-activity-completed";
}
