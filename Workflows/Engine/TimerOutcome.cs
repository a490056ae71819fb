namespace Orchestrator.Workflows.Engine;

/// <summary>What firing one timer bookmark did.</summary>
public enum TimerOutcome
{
    /// <summary>The timer fired and its step committed.</summary>
    Fired,
    /// <summary>The bookmark was already consumed (task done, activity left): firing it does nothing.</summary>
    AlreadyConsumed,
    /// <summary>The bookmark is not due yet (the clock is behind its due time): it was scheduled again, nothing fired.</summary>
    NotDue,
    /// <summary>The step failed and was rolled back; an incident records why.</summary>
    Failed,
}
