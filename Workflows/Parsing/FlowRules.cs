using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Validation;

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
                problem(flow, ReasonText.Format(Reasons.ConditionOnUnconditionalSource, ReasonText.Element(source)));
            else if (flow.Id == source.DefaultFlowId)
                problem(flow, ReasonText.Format(Reasons.DefaultFlowWithCondition, ReasonText.Element(source)));
            else if (ConditionExpression.Check(condition) is { } reason)
                problem(flow, ReasonText.Format(Reasons.Labelled, Reasons.Subject_condition, reason));
        }
    }

    public static void CheckDefault(FlowElement element, Action<FlowElement, string> problem)
    {
        if (element.DefaultFlowId is null) return;
        var allowed = element.Kind is ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway || element.IsActivity;
        if (!allowed) problem(element, Reasons.DefaultFlowNotAllowed);
        // Out of an inclusive gateway or an activity a flow without a condition is always taken, and the default only when nothing else
        // is: beside such a flow it is dead, and the path behind it silently never runs (an exclusive gateway refuses the flow itself).
        else if (element.Kind != ElementKind.ExclusiveGateway
            && element.Outgoing.FirstOrDefault(f => f.Id != element.DefaultFlowId && f.Condition is null) is { } always)
            problem(element, ReasonText.Format(Reasons.DefaultFlowNeverTaken, element.DefaultFlowId, always.Id));
    }
}
