using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Timing;

namespace Orchestrator.Workflows.Parsing;

/// <summary>The semantic rules of one element, once all flows and boundary events are wired.</summary>
internal sealed class ElementRules(FlowElement element, Action<FlowElement, string> problem, Func<string, bool>? isKnownActivity, TimerRules timers,
    bool inEventSubProcess)
{
    public void Check()
    {
        CheckConnections();
        CheckTrigger();
        CheckKindSpecific();
        CheckExpressions();
    }

    private void CheckConnections()
    {
        if (element.TriggeredByEvent)
        {
            // BPMN 2.0 §10.2.5: an event sub-process is started by its event, never by a sequence flow.
            if (element.Incoming.Count > 0 || element.Outgoing.Count > 0)
                problem(element, "an event sub-process cannot have incoming or outgoing sequence flows; its start event starts it");
            return;
        }
        if (element.Trigger == EventTrigger.Link)
        {
            // A link catch is reached by its throw, a link throw leaves by its catch: neither by sequence flows.
            if (element.Kind == ElementKind.IntermediateCatchEvent && element.Incoming.Count > 0)
                problem(element, "a link catch event cannot have incoming sequence flows; its link throw events lead to it");
            if (element.Kind == ElementKind.IntermediateCatchEvent && element.Outgoing.Count == 0)
                problem(element, "a link catch event needs an outgoing sequence flow");
            if (element.Kind == ElementKind.IntermediateThrowEvent && element.Outgoing.Count > 0)
                problem(element, "a link throw event cannot have outgoing sequence flows; it jumps to its link catch event");
            if (element.Kind == ElementKind.IntermediateThrowEvent && element.Incoming.Count == 0)
                problem(element, "it cannot be reached: no sequence flow leads to it");
            return;
        }
        switch (element.Kind)
        {
            case ElementKind.StartEvent:
                if (element.Incoming.Count > 0) problem(element, "a start event cannot have incoming sequence flows");
                if (element.Outgoing.Count == 0) problem(element, "a start event needs an outgoing sequence flow");
                break;
            case ElementKind.BoundaryEvent:
                if (element.Incoming.Count > 0) problem(element, "a boundary event cannot have incoming sequence flows");
                if (element.Outgoing.Count == 0) problem(element, "a boundary event needs an outgoing sequence flow");
                break;
            case ElementKind.EndEvent:
                if (element.Outgoing.Count > 0) problem(element, "an end event cannot have outgoing sequence flows");
                if (element.Incoming.Count == 0) problem(element, "it cannot be reached: no sequence flow leads to it");
                break;
            case ElementKind.ExclusiveGateway or ElementKind.ParallelGateway or ElementKind.InclusiveGateway or ElementKind.EventBasedGateway:
                if (element.Incoming.Count == 0) problem(element, "it cannot be reached: no sequence flow leads to it");
                // A token never silently ends at a gateway (BPMN 2.0 §13.2: a gateway has at least one outgoing flow).
                if (element.Outgoing.Count == 0) problem(element, "a gateway needs at least one outgoing sequence flow");
                break;
            default:
                if (element.Incoming.Count == 0) problem(element, "it cannot be reached: no sequence flow leads to it");
                break;
        }
        if (element.DefaultFlowId is { } defaultFlow && element.Outgoing.All(f => f.Id != defaultFlow))
            problem(element, $"its default flow '{defaultFlow}' is not one of its outgoing sequence flows");
    }

    private void CheckTrigger()
    {
        var allowed = element.Kind switch
        {
            ElementKind.StartEvent when inEventSubProcess => new[] { EventTrigger.Message, EventTrigger.Timer, EventTrigger.Signal, EventTrigger.Error, EventTrigger.Escalation },
            ElementKind.StartEvent => [EventTrigger.None, EventTrigger.Message, EventTrigger.Timer, EventTrigger.Signal],
            ElementKind.EndEvent => [EventTrigger.None, EventTrigger.Message, EventTrigger.Terminate, EventTrigger.Error, EventTrigger.Signal, EventTrigger.Escalation],
            ElementKind.IntermediateCatchEvent => [EventTrigger.Message, EventTrigger.Timer, EventTrigger.Signal, EventTrigger.Link, EventTrigger.Conditional],
            ElementKind.IntermediateThrowEvent => [EventTrigger.None, EventTrigger.Message, EventTrigger.Signal, EventTrigger.Escalation, EventTrigger.Link],
            ElementKind.BoundaryEvent => [EventTrigger.Message, EventTrigger.Timer, EventTrigger.Error, EventTrigger.Signal, EventTrigger.Escalation, EventTrigger.Conditional],
            _ => [EventTrigger.None],
        };
        if (!allowed.Contains(element.Trigger))
            problem(element, element.Trigger == EventTrigger.None
                ? $"a {element.BpmnType} needs a {string.Join(" or ", allowed.Select(a => a.ToString().ToLowerInvariant()))} event definition"
                : $"a {element.Trigger.ToString().ToLowerInvariant()} event definition is not allowed on a {element.BpmnType}");
        if (element.Kind == ElementKind.StartEvent && element.ParentId is not null && !inEventSubProcess && element.Trigger != EventTrigger.None)
            problem(element, "a sub-process start event cannot have an event definition (only an event sub-process's start event has one)");
        if (element.Kind == ElementKind.StartEvent && !element.IsInterrupting && !inEventSubProcess)
            problem(element, "isInterrupting=\"false\" applies only to the start event of an event sub-process");
    }

    private void CheckKindSpecific()
    {
        switch (element.Kind)
        {
            case ElementKind.BoundaryEvent when element.Trigger == EventTrigger.Error && !element.CancelActivity:
                problem(element, "a boundary error event always interrupts its activity (BPMN 2.0 §10.5.4); remove cancelActivity=\"false\"");
                break;
            case ElementKind.ServiceTask when string.IsNullOrWhiteSpace(element.ActivityType):
                problem(element, "a service task needs orc:activity naming an activity of the library");
                break;
            case ElementKind.ServiceTask when isKnownActivity is not null && !isKnownActivity(element.ActivityType!):
                problem(element, $"orc:activity '{element.ActivityType}' is not an activity of the library");
                break;
            case ElementKind.CallActivity when string.IsNullOrWhiteSpace(element.CalledElement):
                problem(element, "a call activity needs calledElement naming the process to call");
                break;
            case ElementKind.ExclusiveGateway:
                foreach (var flow in element.Outgoing.Where(f => element.Outgoing.Count > 1 && f.Condition is null && f.Id != element.DefaultFlowId))
                    problem(element, $"outgoing flow '{flow.Id}' has no condition and is not the default flow");
                break;
            case ElementKind.InclusiveGateway when element.Incoming.Count > 1 && element.Outgoing.Count > 1:
                // Joining and splitting at once hides which tokens the join waits for; the specification allows it, but
                // every engine reads it differently, so we ask for two gateways.
                problem(element, "an inclusive gateway either joins (several incoming flows) or splits (several outgoing flows); draw two gateways");
                break;
            case ElementKind.InclusiveGateway when element.Incoming.Count > 1 && element.DefaultFlowId is not null:
                problem(element, "a joining inclusive gateway cannot have a default flow");
                break;
            case ElementKind.EventBasedGateway:
                if (element.Outgoing.Count < 2) problem(element, "an event-based gateway needs at least two outgoing flows");
                break;
        }
    }

    private void CheckExpressions()
    {
        if (element.Timer is { } timer)
        {
            var reason = ExpressionEvaluator.IsExpression(timer.Expression)
                ? ExpressionEvaluator.Check(timer.Expression)
                : TimerValue.Check(timer.Kind, timer.Expression, timers, mustNotRunAway: element.Kind == ElementKind.StartEvent);
            if (reason is not null) problem(element, $"timer {timer.Kind.ToString().ToLowerInvariant()}: {reason}");
        }
        if (element.DueIn is { } dueIn)
        {
            var reason = ExpressionEvaluator.IsExpression(dueIn) ? ExpressionEvaluator.Check(dueIn) : TimerValue.Check(TimerKind.Duration, dueIn, timers);
            if (reason is not null) problem(element, $"orc:dueIn: {reason}");
        }
        CheckExpression(element.Message?.CorrelationKey, "orc:correlationKey");
        foreach (var (name, value) in element.Inputs) CheckExpression(value, $"input '{name}'");
    }

    private void CheckExpression(string? text, string what)
    {
        if (text is null || !ExpressionEvaluator.IsExpression(text)) return;
        if (ExpressionEvaluator.Check(text) is { } reason) problem(element, $"{what}: {reason}");
    }
}
