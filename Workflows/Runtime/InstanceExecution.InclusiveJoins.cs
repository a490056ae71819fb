using Orchestrator.Workflows.Model;

namespace Orchestrator.Workflows.Runtime;

internal sealed partial class InstanceExecution
{
    /// <summary>
    /// The inclusive join rule (BPMN 2.0 §13.4.3): a joining inclusive gateway fires once a token waits on at least one
    /// of its incoming flows and no other token of the same scope can still reach it, following sequence flows and the
    /// boundary events of the activities on the way (a sub-process or call activity counts as the token waiting on it).
    /// It is checked whenever the step has nothing else to run, so a token that ends elsewhere releases the join in the
    /// step where it ends. Firing consumes one waiting token per incoming flow; the others wait for the next activation.
    /// </summary>
    /// <returns>Whether a join fired (the released token is queued).</returns>
    private bool ReleaseInclusiveJoins()
    {
        var waiting = State.Tokens.Where(t => t.Status == TokenStatus.Joining && Model[t.ElementId].Kind == ElementKind.InclusiveGateway)
            .GroupBy(t => (t.ElementId, t.ScopeId)).ToList();
        foreach (var group in waiting)
        {
            var gateway = Model[group.Key.ElementId];
            var others = State.Tokens.Where(t => t.ScopeId == group.Key.ScopeId && !group.Contains(t));
            if (others.Any(t => CanReach(t.ElementId, gateway.Id))) continue;
            var consumed = group.GroupBy(t => t.ArrivedVia).Select(g => g.First()).ToList();
            var released = consumed[0];
            foreach (var other in consumed.Skip(1)) State.Tokens.Remove(other);
            released.Status = TokenStatus.Joined;
            _ready.Enqueue(released);
            return true;
        }
        return false;
    }

    /// <summary>Whether a path of sequence flows (or boundary events) leads from <paramref name="fromId"/> to <paramref name="targetId"/>.</summary>
    private bool CanReach(string fromId, string targetId)
    {
        var seen = new HashSet<string> { fromId };
        var queue = new Queue<string>([fromId]);
        while (queue.TryDequeue(out var id))
        {
            var element = Model[id];
            var next = element.Outgoing.Select(f => f.TargetRef).Concat(element.BoundaryEventIds);
            if (element.LinkTargetId is { } link) next = next.Append(link);
            foreach (var target in next)
            {
                if (target == targetId) return true;
                if (seen.Add(target)) queue.Enqueue(target);
            }
        }
        return false;
    }
}
