using System.Text.Json.Nodes;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

/// <summary>
/// Escalations (BPMN 2.0 §10.5.3, "Escalation"): a signal to someone with more responsibility that does not, by itself,
/// stop the work. Thrown by an intermediate throw or end event, caught by the nearest event sub-process or boundary event
/// of an enclosing sub-process or call activity with the same code (else a catch-all), across call activities. An
/// interrupting catch ends the scope's work; a non-interrupting one runs beside it and the thrower goes on. An
/// escalation nothing catches changes nothing, as the specification says; it stays in the history.
/// </summary>
internal sealed partial class InstanceExecution
{
    private const string EscalationCodeKey = "code";

    /// <returns>Whether the thrower was withdrawn by an interrupting catch (it must not go on).</returns>
    private bool ThrowEscalation(Token token, FlowElement thrower, string code, bool ending)
    {
        if (FindCatcher(token.ScopeId, EventTrigger.Escalation, code) is { } catcher)
        {
            if (Interrupts(catcher))
            {
                // The thrower has done its part: it is removed, not "cancelled", before its scope is interrupted.
                State.Tokens.Remove(token);
                RemoveBookmarksOf(token, cancelTasks: true);
                TakeCatch(catcher);
                return true;
            }
            TakeCatch(catcher);
            return false;
        }
        if (Record.ParentInstanceId is not null) EscalateToCaller(code);
        return false;
    }

    /// <summary>The caller's call activity hears it, keyed by this instance's id (see <see cref="WellKnownMessages.CallActivityEscalated"/>).</summary>
    private void EscalateToCaller(string code) =>
        Throw(WellKnownMessages.CallActivityEscalated, Record.Id.ToString(), new JsonObject { [EscalationCodeKey] = code });

    /// <summary>A called instance escalated: the call activity throws it on, to its own boundary events first.</summary>
    private void ResumeCalleeEscalation(BookmarkRecord bookmark, JsonObject? values)
    {
        RemoveBookmark(bookmark);
        var token = State.Find(bookmark.TokenId)
            ?? throw new InvalidOperationException($"Bookmark {bookmark.Id} points at token {bookmark.TokenId}, which instance {Record.Id} no longer has.");
        var callActivity = Model[bookmark.ElementId];
        // The call goes on unless a catch interrupts it: keep hearing the callee's next escalations.
        AddMessageBookmark(token, callActivity, bookmark.MessageName!, bookmark.CorrelationKey);
        var code = values?[EscalationCodeKey]?.GetValue<string>() ?? "";
        var host = token.IsLoopInstance ? State.Find(token.ScopeId!.Value)! : token;
        if (BoundaryCatching(callActivity, EventTrigger.Escalation, code) is { } own)
        {
            TakeCatch(new Catcher(host, null, own));
            return;
        }
        if (FindCatcher(host.ScopeId, EventTrigger.Escalation, code) is { } catcher) TakeCatch(catcher);
        else if (Record.ParentInstanceId is not null) EscalateToCaller(code);
    }
}
