using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Timing;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Parsing;

/// <summary>The semantic rules of one element, once all flows and boundary events are wired.</summary>
internal sealed class ElementRules(FlowElement element, Action<FlowElement, string> problem, Func<string, bool>? isKnownActivity, TimerRules timers,
    bool inEventSubProcess, IReadOnlyCollection<string>? taskRoles = null)
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
                problem(element, Reasons.EventSubProcessFlows);
            return;
        }
        if (element.Trigger == EventTrigger.Link)
        {
            // A link catch is reached by its throw, a link throw leaves by its catch: neither by sequence flows.
            if (element.Kind == ElementKind.IntermediateCatchEvent && element.Incoming.Count > 0)
                problem(element, Reasons.LinkCatchIncoming);
            if (element.Kind == ElementKind.IntermediateCatchEvent && element.Outgoing.Count == 0)
                problem(element, Reasons.LinkCatchNeedsOutgoing);
            if (element.Kind == ElementKind.IntermediateThrowEvent && element.Outgoing.Count > 0)
                problem(element, Reasons.LinkThrowOutgoing);
            if (element.Kind == ElementKind.IntermediateThrowEvent && element.Incoming.Count == 0)
                problem(element, Reasons.Unreachable);
            return;
        }
        switch (element.Kind)
        {
            case ElementKind.StartEvent:
                if (element.Incoming.Count > 0) problem(element, Reasons.StartIncoming);
                if (element.Outgoing.Count == 0) problem(element, Reasons.StartNeedsOutgoing);
                break;
            case ElementKind.BoundaryEvent:
                if (element.Incoming.Count > 0) problem(element, Reasons.BoundaryIncoming);
                if (element.Outgoing.Count == 0) problem(element, Reasons.BoundaryNeedsOutgoing);
                break;
            case ElementKind.EndEvent:
                if (element.Outgoing.Count > 0) problem(element, Reasons.EndOutgoing);
                if (element.Incoming.Count == 0) problem(element, Reasons.Unreachable);
                break;
            case ElementKind.ExclusiveGateway or ElementKind.ParallelGateway or ElementKind.InclusiveGateway or ElementKind.EventBasedGateway:
                if (element.Incoming.Count == 0) problem(element, Reasons.Unreachable);
                // A token never silently ends at a gateway (BPMN 2.0 §13.2: a gateway has at least one outgoing flow).
                if (element.Outgoing.Count == 0) problem(element, Reasons.GatewayNeedsOutgoing);
                break;
            case ElementKind.IntermediateCatchEvent or ElementKind.IntermediateThrowEvent:
                if (element.Incoming.Count == 0) problem(element, Reasons.Unreachable);
                // BPMN 2.0 §10.5.4: an intermediate event MUST be a source of sequence flow (a link throw, above, leaves by its catch);
                // a forgotten connection after « attendre 2 jours » would end the branch there without a word.
                if (element.Outgoing.Count == 0) problem(element, Reasons.IntermediateNeedsOutgoing);
                break;
            default:
                if (element.Incoming.Count == 0) problem(element, Reasons.Unreachable);
                break;
        }
        if (element.DefaultFlowId is { } defaultFlow && element.Outgoing.All(f => f.Id != defaultFlow))
            problem(element, ReasonText.Format(Reasons.DefaultFlowNotOutgoing, defaultFlow));
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
                ? ReasonText.Format(Reasons.TriggerNeeded, element.BpmnType, ReasonText.Choices(allowed.Select(ReasonText.Trigger).ToList()))
                : ReasonText.Format(Reasons.TriggerNotAllowed, ReasonText.Trigger(element.Trigger), element.BpmnType));
        if (element.Kind == ElementKind.StartEvent && element.ParentId is not null && !inEventSubProcess && element.Trigger != EventTrigger.None)
            problem(element, Reasons.SubProcessStartTrigger);
        if (element.Kind == ElementKind.StartEvent && !element.IsInterrupting && !inEventSubProcess)
            problem(element, Reasons.NonInterruptingOutsideEventSubProcess);
    }

    private void CheckKindSpecific()
    {
        switch (element.Kind)
        {
            case ElementKind.BoundaryEvent when element.Trigger == EventTrigger.Error && !element.CancelActivity:
                problem(element, Reasons.BoundaryErrorInterrupts);
                break;
            case ElementKind.ServiceTask when string.IsNullOrWhiteSpace(element.ActivityType):
                problem(element, Reasons.ServiceTaskNeedsActivity);
                break;
            case ElementKind.ServiceTask when isKnownActivity is not null && !isKnownActivity(element.ActivityType!):
                problem(element, ReasonText.Format(Reasons.UnknownActivity, element.ActivityType));
                break;
            // A role no function holds: nobody could ever complete the task (a computed one is checked when the task opens).
            case ElementKind.UserTask when element.Role is { } role && taskRoles is not null && !ExpressionEvaluator.IsExpression(role) && !taskRoles.Contains(role):
                problem(element, ReasonText.Format(Reasons.UnknownTaskRole, role, string.Join(", ", taskRoles)));
                break;
            case ElementKind.CallActivity when string.IsNullOrWhiteSpace(element.CalledElement):
                problem(element, Reasons.CallNeedsCalledElement);
                break;
            // The process called is fixed in the model, so that validation and simulate can find it: not computed at run time.
            case ElementKind.CallActivity when Expressions.ExpressionEvaluator.IsExpression(element.CalledElement):
                problem(element, ReasonText.Format(Reasons.CalledElementExpression, element.CalledElement!));
                break;
            case ElementKind.ExclusiveGateway:
                foreach (var flow in element.Outgoing.Where(f => element.Outgoing.Count > 1 && f.Condition is null && f.Id != element.DefaultFlowId))
                    problem(element, ReasonText.Format(Reasons.FlowWithoutCondition, flow.Id));
                break;
            case ElementKind.InclusiveGateway when element.Incoming.Count > 1 && element.Outgoing.Count > 1:
                // Joining and splitting at once hides which tokens the join waits for; the specification allows it, but
                // every engine reads it differently, so we ask for two gateways.
                problem(element, Reasons.InclusiveJoinsAndSplits);
                break;
            case ElementKind.InclusiveGateway when element.Incoming.Count > 1 && element.DefaultFlowId is not null:
                problem(element, Reasons.InclusiveJoinDefault);
                break;
            case ElementKind.EventBasedGateway:
                if (element.Outgoing.Count < 2) problem(element, Reasons.EventGatewayTwoOutgoing);
                break;
        }
    }

    private void CheckExpressions()
    {
        if (element.Timer is { } timer)
        {
            var reason = ExpressionEvaluator.IsExpression(timer.Expression)
                ? ExpressionEvaluator.Check(timer.Expression)
                // A process's timer start event starts instances: held to the start rules. An event sub-process's start is armed
                // while its scope runs, as a boundary event is, and a cycle wholly past is simply not armed there.
                : TimerValue.Check(timer.Kind, timer.Expression, timers, mustNotRunAway: element.Kind == ElementKind.StartEvent && element.ParentId is null);
            if (reason is not null) problem(element, ReasonText.Format(Reasons.TimerReason, ReasonText.Named("TimerKind_" + timer.Kind.ToString().ToLowerInvariant()), reason));
        }
        if (element.DueIn is { } dueIn)
        {
            var reason = ExpressionEvaluator.IsExpression(dueIn) ? ExpressionEvaluator.Check(dueIn) : TimerValue.Check(TimerKind.Duration, dueIn, timers);
            if (reason is not null) problem(element, ReasonText.Format(Reasons.Labelled, Reasons.Subject_dueIn, reason));
        }
        CheckExpression(element.Message?.CorrelationKey, Reasons.Subject_correlationKey);
        foreach (var (name, value) in element.Inputs) CheckExpression(value, ReasonText.Format(Reasons.Input, name));
    }

    private void CheckExpression(string? text, string what)
    {
        if (text is null || !ExpressionEvaluator.IsExpression(text)) return;
        if (ExpressionEvaluator.Check(text) is { } reason) problem(element, ReasonText.Format(Reasons.Labelled, what, reason));
    }
}
