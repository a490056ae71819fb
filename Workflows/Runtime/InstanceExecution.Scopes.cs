using System.Text.Json.Nodes;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

internal sealed partial class InstanceExecution
{
    /// <summary>Withdraws a token and everything under it: child tokens, bookmarks, open tasks, called instances.</summary>
    private void CancelToken(Token token)
    {
        if (token.Status == TokenStatus.Scope)
            foreach (var child in State.Tokens.Where(t => t.ScopeId == token.Id).ToList()) CancelToken(child);
        // A loop interrupted from outside keeps what its completed instances answered, as a loop that ends does.
        if (token.Loop is not null) WriteGathered(token, Model[token.ElementId]);
        RemoveBookmarksOf(token, cancelTasks: true);
        if (token.Status is not (TokenStatus.Joining or TokenStatus.Listening) && !token.ElementCompleted && WasEntered(token))
            History(Model[token.ElementId], HistoryEvent.Cancelled);
        State.Tokens.Remove(token);
    }

    /// <summary>
    /// Whether the token's element was entered: a token queued in this step and withdrawn before its turn (a loop's later instances,
    /// the path after a terminate end) never entered it, and its history shows no « cancelled » without an « entered ».
    /// </summary>
    private bool WasEntered(Token token) =>
        token.Status is not (TokenStatus.Ready or TokenStatus.Joined) || _enteredInStep.Contains((token.Id, token.ElementId));

    /// <summary>The tokens that entered their element in this step, with that element.</summary>
    private readonly HashSet<(int TokenId, string ElementId)> _enteredInStep = new();

    private void EndToken(Token token)
    {
        State.Tokens.Remove(token);
        CompleteScopeIfDone(token.ScopeId);
    }

    /// <summary>A sub-process completes when its last token ends; the process when its last top-level token ends.</summary>
    private void CompleteScopeIfDone(int? scopeId)
    {
        if (State.Tokens.Any(t => t.ScopeId == scopeId && t.Status != TokenStatus.Listening)) return;
        // Its event sub-processes stop listening with it.
        foreach (var listener in State.Tokens.Where(t => t.ScopeId == scopeId).ToList()) CancelToken(listener);
        if (scopeId is null)
        {
            End(InstanceStatus.Completed);
            return;
        }
        var scope = State.Find(scopeId.Value)!;
        var subProcess = Model[scope.ElementId];
        RemoveBookmarksOf(scope, cancelTasks: true);
        History(subProcess, HistoryEvent.Completed);
        Leave(scope, subProcess);
    }

    /// <summary>A terminate end event ends its scope at once: the whole instance at process level, the sub-process inside one.</summary>
    private void Terminate(Token token)
    {
        State.Tokens.Remove(token);
        foreach (var other in State.Tokens.Where(t => t.ScopeId == token.ScopeId).ToList())
            if (State.Tokens.Contains(other)) CancelToken(other);
        if (token.ScopeId is null) End(InstanceStatus.Terminated);
        else CompleteScopeIfDone(token.ScopeId);
    }

    public async Task CancelAsync(CancellationToken ct)
    {
        EnsureRunning();
        foreach (var token in State.Tokens.Where(t => t.ScopeId is null).ToList())
            if (State.Tokens.Contains(token)) CancelToken(token);
        End(InstanceStatus.Cancelled);
        await TryConsumeEarlyMessageAsync(ct);
    }

    private void End(InstanceStatus status, JsonObject? error = null)
    {
        Record.Status = status;
        Record.EndedAt = Now;
        _ready.Clear();
        Outbox(WorkflowEvents.InstanceEnded, new JsonObject
        {
            ["instanceId"] = Record.Id,
            ["businessKey"] = Record.BusinessKey,
            ["definitionKey"] = Record.DefinitionKey,
            ["status"] = status.ToString(),
        });
        if (Record.ParentInstanceId is not null && status != InstanceStatus.Cancelled)
            Throw(WellKnownMessages.CallActivityCompleted, Record.Id.ToString(), error ?? CallResult());
    }
}
