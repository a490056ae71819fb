namespace Orchestrator.Workflows.Validation;

/// <summary>One reason a definition cannot run: which element (type and id), where, and why.</summary>
public sealed record BpmnProblem(string ElementType, string? ElementId, int Line, string Reason)
{
    public override string ToString() =>
        $"line {Line}: {ElementType}{(ElementId is null ? "" : $" '{ElementId}'")}: {Reason}";
}
