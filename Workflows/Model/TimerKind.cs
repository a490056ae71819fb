namespace Orchestrator.Workflows.Model;

/// <summary>A timer's BPMN definition: <c>timeDuration</c> (ISO 8601 duration), <c>timeDate</c> (ISO 8601 date-time) or <c>timeCycle</c> (repeating interval).</summary>
public enum TimerKind
{
    /// <summary><c>timeDuration</c>: an ISO 8601 duration from when the timer is armed.</summary>
    Duration,
    /// <summary><c>timeDate</c>: an ISO 8601 date-time at which it fires.</summary>
    Date,
    /// <summary><c>timeCycle</c>: an ISO 8601 repeating interval (R3/PT1H…).</summary>
    Cycle,
}
