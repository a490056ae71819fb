namespace Orchestrator.Workflows.Engine;

public sealed class StepLimitException(int limit, string elementId)
    : WorkflowException("step-limit", $"The step executed more than {limit} elements (last: '{elementId}'); the definition loops without a wait state, or runs more elements than that before one.");
