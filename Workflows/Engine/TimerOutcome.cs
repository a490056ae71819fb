namespace Orchestrator.Workflows.Engine;

/// <summary>What firing one timer bookmark did.</summary>
public enum TimerOutcome
{
    Fired,
    /// <summary>The bookmark was already consumed (task done, activity left): firing it does nothing.</summary>
    AlreadyConsumed,
    NotDue,
    /// <summary>The step failed and was rolled back; an incident records why.</summary>
    Failed,
}
