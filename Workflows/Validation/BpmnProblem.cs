namespace Orchestrator.Workflows.Validation;

/// <summary>
/// One reason a definition cannot run: which element (type and id), where (1-based line of the file, 0 when unknown), and
/// why. <see cref="Reason"/> is written in the current UI culture when the definition is read (French in the web app,
/// English under the invariant culture of the command line), from <c>Reasons.resx</c> and its satellites.
/// </summary>
public sealed record BpmnProblem(string ElementType, string? ElementId, int Line, string Reason)
{
    /// <summary>The problem as the command line prints it: <c>line 12: userTask 'dipc': reason</c>.</summary>
    public override string ToString() =>
        $"line {Line}: {ElementType}{(ElementId is null ? "" : $" '{ElementId}'")}: {Reason}";
}
