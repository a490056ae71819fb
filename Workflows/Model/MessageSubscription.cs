namespace Orchestrator.Workflows.Model;

/// <summary>
/// The message an element waits for or throws: the name from the referenced <c>bpmn:message</c>
/// and the correlation key expression from our extension attribute.
/// </summary>
public sealed record MessageSubscription(string MessageName, string? CorrelationKey);
