using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Parsing;

internal sealed partial class ProcessReader
{
    /// <summary>
    /// Every element must be reachable from where tokens come from (BPMN 2.0 §10.5.2, §13): the process's start events, a
    /// reached sub-process's start, the start of an event sub-process of a reached scope, a boundary event of a reached activity,
    /// a link catch named by a reached link throw. The per-element rules refuse an element without incoming flow; this pass
    /// refuses what only loops lead to (two tasks sending to each other, a task looping on itself) and a link catch no link
    /// throw names: the tasks behind them would never be offered, and a join they feed would never fire.
    /// </summary>
    private void CheckReachability()
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FlowElement>();
        void Reach(FlowElement element)
        {
            if (!element.IsPlaceholder && reached.Add(element.Id)) pending.Push(element);
        }
        foreach (var start in _order.Where(e => e.Kind == ElementKind.StartEvent && e.ParentId is null)) Reach(start);
        void ReachScope(string? scope)
        {
            foreach (var eventStart in _order.Where(e => e.Kind == ElementKind.StartEvent && e.ParentId is { } esp
                         && _elements[esp].TriggeredByEvent && _elements[esp].ParentId == scope))
            {
                Reach(_elements[eventStart.ParentId!]);
                Reach(eventStart);
            }
        }
        ReachScope(null);
        while (pending.TryPop(out var element))
        {
            foreach (var flow in element.Outgoing)
                if (_elements.TryGetValue(flow.TargetRef, out var target)) Reach(target);
            foreach (var boundary in element.BoundaryEventIds) Reach(_elements[boundary]);
            if (element.LinkTargetId is { } link) Reach(_elements[link]);
            if (element.Kind == ElementKind.SubProcess)
            {
                foreach (var start in _order.Where(e => e.Kind == ElementKind.StartEvent && e.ParentId == element.Id)) Reach(start);
                ReachScope(element.Id);
            }
        }
        foreach (var element in _order.Where(e => !e.IsPlaceholder && !reached.Contains(e.Id)))
        {
            if (element.Trigger == EventTrigger.Link && element.Kind == ElementKind.IntermediateCatchEvent)
            {
                if (!_order.Any(e => e.LinkTargetId == element.Id)) Problem(element, ReasonText.Format(Reasons.LinkCatchWithoutThrow, element.LinkName));
                else Problem(element, Reasons.UnreachableFromStart);
            }
            // Those without a way in at all were refused by their own rules; an element inside an unreached scope is not told again.
            else if (element.Incoming.Count > 0 && (element.ParentId is null || reached.Contains(element.ParentId)))
                Problem(element, Reasons.UnreachableFromStart);
        }
    }

    /// <summary>
    /// A thrown error or escalation is caught once, by the catch with its code, else by the catch-all (BPMN 2.0 §10.5.3): two
    /// boundary events of one activity, or two event sub-processes of one scope, catching the same code (or both everything)
    /// leave the second one never occurring, chosen by the order of the file, which the diagram does not show. Zeebe refuses them too.
    /// </summary>
    private void CheckDuplicateCatches()
    {
        var groups = _order.Where(e => e.BoundaryEventIds.Count > 0)
            .Select(activity => activity.BoundaryEventIds.Select(id => _elements[id]))
            .Concat(_order.Where(e => e.Kind == ElementKind.StartEvent && e.ParentId is { } esp && _elements[esp].TriggeredByEvent)
                .GroupBy(e => _elements[e.ParentId!].ParentId).Select(g => g.AsEnumerable()));
        foreach (var catches in groups)
            foreach (var same in catches.Where(e => e.Trigger is EventTrigger.Error or EventTrigger.Escalation)
                         .GroupBy(e => (e.Trigger, e.ThrownOrCaughtCode)).Where(g => g.Count() > 1))
            {
                var (trigger, code) = same.Key;
                var what = trigger == EventTrigger.Error
                    ? code is null ? Reasons.CatchEveryError : ReasonText.Format(Reasons.CatchErrorCode, code)
                    : code is null ? Reasons.CatchEveryEscalation : ReasonText.Format(Reasons.CatchEscalationCode, code);
                foreach (var repeat in same.Skip(1))
                    Problem(repeat, ReasonText.Format(Reasons.SameCatchTwice, what, ReasonText.Element(same.First())));
            }
    }
}
