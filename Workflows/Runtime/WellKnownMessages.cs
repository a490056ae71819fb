namespace Orchestrator.Workflows.Runtime;

/// <summary>Message names the engine uses for its own waits; none can be sent from outside.</summary>
public static class WellKnownMessages
{
    /// <summary>The prefix of the engine's own message names; a message sent from outside cannot use it.</summary>
    public const string EnginePrefix = "wf:";

    /// <summary>Thrown by a called instance when it ends; the calling activity waits for it, keyed by the child's id.</summary>
    public const string CallActivityCompleted = "wf:call-activity-completed";

    /// <summary>Thrown by a called instance for an escalation nothing inside it caught; keyed by the child's id, it carries the code.</summary>
    public const string CallActivityEscalated = "wf:call-activity-escalated";

    /// <summary>
    /// A signal catch waits on a message bookmark under this prefix and the signal's name; only a signal broadcast
    /// resumes it, never a message (names starting with <c>wf:</c> are refused for messages).
    /// </summary>
    public const string SignalPrefix = "wf:signal:";

    /// <summary>
    /// A conditional catch waits on a message bookmark under this prefix and its element's id; no message resumes it: the
    /// instance looks at its condition after each element a step runs. Its correlation key holds what the condition was at the last
    /// look (<c>true</c> or <c>false</c>), so that a non-interrupting one occurs when the condition becomes true, not at every step.
    /// </summary>
    public const string ConditionPrefix = "wf:condition:";
}
