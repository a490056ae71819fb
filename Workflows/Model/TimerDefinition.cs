namespace Orchestrator.Workflows.Model;

/// <summary>A BPMN timer: <c>timeDuration</c>, <c>timeDate</c> or <c>timeCycle</c>; the value may be a <c>${…}</c> expression.</summary>
public sealed record TimerDefinition(TimerKind Kind, string Expression);
