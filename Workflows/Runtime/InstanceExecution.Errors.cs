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

    /// <param name="token">The token at the thrower (an end event's token is already removed).</param>
    /// <param name="onThrower">Whether <paramref name="thrower"/>'s own boundary events may catch (a service task or call activity).</param>
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
