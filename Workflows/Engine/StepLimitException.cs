namespace Orchestrator.Workflows.Engine;

/// <summary>
/// A step ran more than <see cref="WorkflowOptions.MaxElementsPerStep"/> elements without reaching a wait state: the definition
/// loops (a cycle of gateways and service tasks with nothing that waits). The step is rolled back and an incident names the last
/// element run.
/// </summary>
public sealed class StepLimitException(int limit, string elementId)
    : WorkflowException("step-limit", $"The step executed more than {limit} elements (last: '{elementId}'); the definition loops without a wait state, or runs more elements than that before one.");
