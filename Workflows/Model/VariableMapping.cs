namespace Orchestrator.Workflows.Model;

/// <summary>
/// One variable a call activity passes to the process it calls (<c>orc:in</c>) or takes back from it (<c>orc:out</c>):
/// <see cref="Target"/> receives the variable <see cref="Source"/> or the value of <see cref="Expression"/> (a
/// <c>${…}</c> over the giving side's variables). Exactly one of the two is set.
/// </summary>
public sealed record VariableMapping(string Target, string? Source, string? Expression, int Line);
