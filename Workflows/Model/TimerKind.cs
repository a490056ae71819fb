namespace Orchestrator.Workflows.Model;

/// <summary>A timer's BPMN definition: <c>timeDuration</c> (ISO 8601 duration), <c>timeDate</c> (ISO 8601 date-time) or <c>timeCycle</c> (repeating interval).</summary>
public enum TimerKind
{
    Duration,
    Date,
    Cycle,
}
