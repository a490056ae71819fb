using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Workflows.Parsing;

/// <summary>
/// The rules of sequence flows, once wired (BPMN 2.0 §8.3.13 and §10.5): a condition is one <c>${…}</c> the
/// engine evaluates, and only on flows out of activities, exclusive and inclusive gateways; a default flow carries no
/// condition and belongs to an exclusive or inclusive gateway or an activity. A problem names the flow and its line.
/// </summary>
internal static class FlowRules
{
    public static void Check(SequenceFlow flow, FlowElement source, Action<SequenceFlow, string> problem)
    {
        if (flow.Condition is { } condition)
        {
            if (source.Kind is ElementKind.ParallelGateway or ElementKind.EventBasedGateway or ElementKind.StartEvent
                or ElementKind.IntermediateCatchEvent or ElementKind.IntermediateThrowEvent or ElementKind.BoundaryEvent)
                problem(flow, $"it has a condition, but it leaves {source}, whose outgoing flows cannot be conditional");
            else if (flow.Id == source.DefaultFlowId)
                problem(flow, $"it is the default flow of {source} and cannot have a condition");
            else if (ConditionExpression.Check(condition) is { } reason)
                problem(flow, $"condition: {reason}");
        }
    }

    public static void CheckDefault(FlowElement element, Action<FlowElement, string> problem)
    {
        if (element.DefaultFlowId is null) return;
        var allowed = element.Kind is ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway or ElementKind.UserTask or ElementKind.ServiceTask or ElementKind.SendTask
            or ElementKind.ReceiveTask or ElementKind.ManualTask or ElementKind.Task or ElementKind.SubProcess or ElementKind.CallActivity;
        if (!allowed) problem(element, "only an exclusive or inclusive gateway or an activity can have a default flow");
    }
}
