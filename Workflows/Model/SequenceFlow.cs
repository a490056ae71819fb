namespace Orchestrator.Workflows.Model;

public sealed record SequenceFlow(string Id, string? Name, string SourceRef, string TargetRef, string? Condition, int Line);
