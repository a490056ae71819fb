namespace Orchestrator.Workflows.Validation;

/// <summary>A definition that cannot run; <see cref="Problems"/> lists every reason (element, id, line), not only the first.</summary>
public sealed class BpmnValidationException(IReadOnlyList<BpmnProblem> problems)
    : Exception("The BPMN definition is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    /// <summary>Every reason the definition is refused, each naming its element, id and line.</summary>
    public IReadOnlyList<BpmnProblem> Problems { get; } = problems;
}
