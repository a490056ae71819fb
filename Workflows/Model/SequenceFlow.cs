namespace Orchestrator.Workflows.Model;

/// <summary>A sequence flow as read from the file.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its label, if any.</param>
/// <param name="SourceRef">The element it leaves.</param>
/// <param name="TargetRef">The element it reaches.</param>
/// <param name="Condition">Its <c>conditionExpression</c> (<c>${…}</c>, which must yield a boolean), or null.</param>
/// <param name="Line">Its 1-based line in the file, for messages.</param>
public sealed record SequenceFlow(string Id, string? Name, string SourceRef, string TargetRef, string? Condition, int Line);
