using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

/// <summary>
/// Event sub-processes (BPMN 2.0 §10.2.5). While a scope runs (the process, or one instance of a sub-process), each
/// event sub-process inside it with a message, timer or signal start listens through a <see cref="TokenStatus.Listening"/>
/// token that holds the start event's bookmark; error and escalation starts are found by the throw itself. When the
/// event occurs, an interrupting start cancels everything else in the scope and runs the event sub-process in its place;
/// a non-interrupting one runs it beside the scope's work and keeps listening. The scope completes once its own work and
/// every event sub-process it started are done; its listeners are then withdrawn.
/// </summary>
internal sealed partial class InstanceExecution
{
    /// <summary>Starts listening for the event sub-processes of <paramref name="container"/> (null: the process level).</summary>
    private void ArmEventSubProcesses(Token? scope, string? container)
    {
        foreach (var eventSubProcess in Model.EventSubProcessesIn(container))
        {
            var start = Model[eventSubProcess.StartEventId!];
            if (start.Trigger is EventTrigger.Error or EventTrigger.Escalation) continue;
            var listener = State.Add(start.Id, scope?.Id);
            listener.Status = TokenStatus.Listening;
            CreateEventBookmark(listener, start);
            // A timer whose every occurrence has passed is not armed: nothing is left to listen for.
            if (!Bookmarks.Any(b => b.TokenId == listener.Id)) State.Tokens.Remove(listener);
        }
    }

    /// <summary>The message, timer or signal of an event sub-process's start event has occurred.</summary>
    private void TriggerEventSubProcess(BookmarkRecord bookmark, FlowElement start)
    {
        RemoveBookmark(bookmark);
        var listener = State.Find(bookmark.TokenId)
            ?? throw new InvalidOperationException($"Bookmark {bookmark.Id} points at token {bookmark.TokenId}, which instance {Record.Id} no longer has.");
        if (!start.IsInterrupting)
        {
            // Non-interrupting: the scope goes on, and so does the listening (each message, each occurrence of a cycle).
            if (bookmark.Kind == BookmarkKind.Message) AddMessageBookmark(listener, start, bookmark.MessageName!, bookmark.CorrelationKey);
            else if (bookmark.CycleRemaining is { } remaining and not 0) RescheduleCycle(bookmark, listener, start, remaining);
            if (!Bookmarks.Any(b => b.TokenId == listener.Id)) State.Tokens.Remove(listener);
        }
        StartEventSubProcess(listener.ScopeId, start);
    }

    /// <summary>
    /// Runs the event sub-process of <paramref name="start"/> in scope <paramref name="scopeId"/>; an interrupting start
    /// first cancels everything else the scope holds (its tokens, tasks, listeners and the called instances under them).
    /// </summary>
    private void StartEventSubProcess(int? scopeId, FlowElement start)
    {
        var eventSubProcess = Model[start.ParentId!];
        if (start.IsInterrupting)
            foreach (var other in State.Tokens.Where(t => t.ScopeId == scopeId).ToList())
                if (State.Tokens.Contains(other)) CancelToken(other);
        var token = State.Add(eventSubProcess.Id, scopeId);
        token.Status = TokenStatus.Scope;
        History(eventSubProcess, HistoryEvent.Entered);
        ArmEventSubProcesses(token, eventSubProcess.Id);
        _ready.Enqueue(State.Add(start.Id, token.Id));
    }

    /// <summary>
    /// The error or escalation start of an event sub-process of <paramref name="container"/> that catches
    /// <paramref name="code"/>: one with that code, else one without (which catches every code).
    /// </summary>
    private FlowElement? EventStartCatching(string? container, EventTrigger trigger, string code, string? except = null)
    {
        var starts = Model.EventSubProcessesIn(container).Where(e => e.Id != except).Select(e => Model[e.StartEventId!]).Where(s => s.Trigger == trigger).ToList();
        return starts.FirstOrDefault(s => s.ThrownOrCaughtCode == code) ?? starts.FirstOrDefault(s => s.ThrownOrCaughtCode is null);
    }

    /// <summary>The boundary event of <paramref name="host"/> that catches <paramref name="code"/>: with that code, else a catch-all.</summary>
    private FlowElement? BoundaryCatching(FlowElement host, EventTrigger trigger, string code)
    {
        var catchers = host.BoundaryEventIds.Select(id => Model[id]).Where(b => b.Trigger == trigger).ToList();
        return catchers.FirstOrDefault(b => b.ThrownOrCaughtCode == code) ?? catchers.FirstOrDefault(b => b.ThrownOrCaughtCode is null);
    }

    /// <summary>Where an error or escalation thrown in a scope is caught: a boundary on <see cref="Host"/>, or an event sub-process start in <see cref="ScopeId"/>.</summary>
    private readonly record struct Catcher(Token? Host, int? ScopeId, FlowElement Event);

    /// <summary>
    /// Walks out from scope <paramref name="scopeId"/>: at each level the scope's own event sub-processes catch first, then
    /// the boundary events of the activity the scope is; the process level last (BPMN 2.0 §10.5.3). A multi-instance
    /// activity's boundary events sit on its body, its event sub-processes in each instance. An event sub-process does not
    /// catch what its own instance throws: that goes on outwards. From a non-interrupting one it goes to the scope around it,
    /// whose other event sub-processes catch it (an alarm handled beside the main path that ends on an error reaches the
    /// scope's error event sub-process); from an interrupting one, which already holds the scope, past them (BPMN 2.0 p. 441:
    /// one interrupting event sub-process of a scope at a time; two handing an error to each other would never end).
    /// </summary>
    private Catcher? FindCatcher(int? scopeId, EventTrigger trigger, string code)
    {
        string? leftEventSubProcess = null;
        var leftInterrupting = false;
        while (true)
        {
            var scope = scopeId is { } id ? State.Find(id) : null;
            if (scope?.Loop is null && !leftInterrupting && EventStartCatching(scope?.ElementId, trigger, code, except: leftEventSubProcess) is { } start)
                return new Catcher(null, scopeId, start);
            if (scope is null) return null;
            if (!scope.IsLoopInstance && BoundaryCatching(Model[scope.ElementId], trigger, code) is { } boundary)
                return new Catcher(scope, null, boundary);
            var element = Model[scope.ElementId];
            leftEventSubProcess = element.TriggeredByEvent ? scope.ElementId : null;
            leftInterrupting = element.TriggeredByEvent && Model[element.StartEventId!].IsInterrupting;
            scopeId = scope.ScopeId;
        }
    }

    /// <summary>Takes the catch found: an interrupting boundary cancels its host, an event start runs its event sub-process.</summary>
    private void TakeCatch(Catcher catcher)
    {
        if (catcher.Host is { } host)
        {
            if (catcher.Event.CancelActivity)
            {
                Catch(host, catcher.Event);
                return;
            }
            FireBoundary(catcher.Event, host.ScopeId);
            return;
        }
        StartEventSubProcess(catcher.ScopeId, catcher.Event);
    }

    /// <summary>Whether taking <paramref name="catcher"/> interrupts the scope the throw happened in.</summary>
    private static bool Interrupts(Catcher catcher) => catcher.Host is null ? catcher.Event.IsInterrupting : catcher.Event.CancelActivity;
}
