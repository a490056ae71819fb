using System.Text.Json.Nodes;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

/// <summary>
/// BPMN errors (BPMN 2.0 §10.5.3): thrown by an error end event, by a service activity, or by a called process;
/// caught by the nearest catch with the same code, else a catch-all one: a boundary error event on the thrower itself,
/// then, for each enclosing scope, an error event sub-process inside it and a boundary error event on it, then the
/// process's error event sub-process, then the call activity that started this instance, and so on up. The catch
/// interrupts everything the caught scope was doing. An error nothing catches fails the step.
/// </summary>
internal sealed partial class InstanceExecution
{
    private const string CalledError = "$error";

    /// <summary>
    /// Throws the error as <see cref="ThrowError"/> does, once it is known to be caught: in this instance, or, for a called instance,
    /// by one of its callers. An error caught nowhere fails the step where it was thrown, in the called process, with nothing ended:
    /// ending the callee first would throw its open work away for good, before its caller's step found nothing to catch it with.
    /// </summary>
    /// <exception cref="StepFailedException">Nothing catches the error, in this instance or its callers.</exception>
    private async Task ThrowErrorAsync(Token token, FlowElement thrower, string code, bool onThrower, CancellationToken ct)
    {
        if (Record.ParentInstanceId is not null && !Catches(token, thrower, code, onThrower) && !await _session.CallersCatchErrorAsync(this, code, ct))
            throw new StepFailedException("unhandled-error", thrower.BpmnType, thrower.Id,
                $"BPMN error '{code}' is caught by no boundary error event or error event sub-process around it, nor by the processes that called this one");
        ThrowError(token, thrower, code, onThrower);
    }

    /// <summary>Whether this instance catches the error <paramref name="code"/> thrown at <paramref name="thrower"/>.</summary>
    private bool Catches(Token token, FlowElement thrower, string code, bool onThrower)
    {
        var host = onThrower && token.IsLoopInstance ? State.Find(token.ScopeId!.Value)! : token;
        return (onThrower && BoundaryCatching(thrower, EventTrigger.Error, code) is not null) || FindCatcher(host.ScopeId, EventTrigger.Error, code) is not null;
    }

    /// <summary>
    /// Whether this instance catches the error <paramref name="code"/> its callee <paramref name="calleeId"/> ends on: a boundary error
    /// event of the call activity waiting for it, or a catch around that activity. Reads the state only.
    /// </summary>
    internal bool CatchesCalleeError(Guid calleeId, string code)
    {
        var key = calleeId.ToString();
        var waiting = Bookmarks.FirstOrDefault(b => b.MessageName == WellKnownMessages.CallActivityCompleted && b.CorrelationKey == key);
        if (waiting is null || State.Find(waiting.TokenId) is not { } token) return false;
        return Catches(token, Model[waiting.ElementId], code, onThrower: true);
    }

    /// <param name="token">The token at the thrower (an end event's token is already removed).</param>
    /// <param name="onThrower">Whether <paramref name="thrower"/>'s own boundary events may catch (a service task or call activity).</param>
    /// <param name="thrower">The element throwing the error: an error end event, or a service task or call activity that failed with one.</param>
    /// <param name="code">The BPMN <c>errorCode</c> thrown.</param>
    private void ThrowError(Token token, FlowElement thrower, string code, bool onThrower)
    {
        // One instance of a multi-instance activity throws through the body, which holds the boundary events.
        var host = onThrower && token.IsLoopInstance ? State.Find(token.ScopeId!.Value)! : token;
        if (onThrower && BoundaryCatching(thrower, EventTrigger.Error, code) is { } own)
        {
            Catch(host, own);
            return;
        }
        if (FindCatcher(host.ScopeId, EventTrigger.Error, code) is { } catcher)
        {
            TakeCatch(catcher);
            return;
        }
        if (Record.ParentInstanceId is not null)
        {
            EndByError(code);
            return;
        }
        throw new StepFailedException("unhandled-error", thrower.BpmnType, thrower.Id,
            $"BPMN error '{code}' is caught by no boundary error event or error event sub-process around it");
    }

    /// <summary>Interrupts the activity <paramref name="host"/> runs on (and all inside it) and leaves by the boundary's flows.</summary>
    private void Catch(Token host, FlowElement boundary)
    {
        var scopeId = host.ScopeId;
        if (State.Tokens.Contains(host)) CancelToken(host);
        FireBoundary(boundary, scopeId);
    }

    /// <summary>A boundary event occurs: a token starts on it, beside its activity, and leaves by its flows.</summary>
    private void FireBoundary(FlowElement boundary, int? scopeId)
    {
        var token = State.Add(boundary.Id, scopeId);
        History(boundary, HistoryEvent.Entered);
        History(boundary, HistoryEvent.Completed);
        Leave(token, boundary);
    }

    /// <summary>This called instance ends on an error nothing inside caught; its call activity throws it on in the caller.</summary>
    private void EndByError(string code)
    {
        foreach (var other in State.Tokens.Where(t => t.ScopeId is null).ToList())
            if (State.Tokens.Contains(other)) CancelToken(other);
        End(InstanceStatus.Terminated, new JsonObject { [CalledError] = code });
    }

    /// <summary>The error a called instance ended on, if it did.</summary>
    private static string? CalledErrorOf(JsonObject? result) => result?[CalledError]?.GetValue<string>();
}
