namespace Orchestrator.Workflows.Validation;

public sealed class BpmnValidationException(IReadOnlyList<BpmnProblem> problems)
    : Exception("The BPMN definition is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<BpmnProblem> Problems { get; } = problems;
}
