using System.Text.Json.Nodes;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

/// <summary>
/// Moves the tokens of one instance within a step until every token waits or has ended. Every change
/// goes into the step's DbContext; nothing is committed here.
/// </summary>
internal sealed partial class InstanceExecution
{
    private readonly StepSession _session;
    private readonly Queue<Token> _ready = new();
    private readonly List<BookmarkRecord> _newMessageBookmarks = new();

    public InstanceExecution(StepSession session, LoadedDefinition definition, WorkflowInstanceRecord record,
        List<BookmarkRecord> bookmarks, JsonObject? variables = null)
    {
        _session = session;
        Definition = definition;
        Record = record;
        Bookmarks = bookmarks;
        State = InstanceState.Deserialize(record.State);
        Variables = variables ?? (JsonNode.Parse(record.Variables) as JsonObject ?? new JsonObject());
    }

    public LoadedDefinition Definition { get; }
    public ProcessModel Model => Definition.Model;
    public WorkflowInstanceRecord Record { get; }
    public InstanceState State { get; }
    public JsonObject Variables { get; }
    public List<BookmarkRecord> Bookmarks { get; }
    private DateTimeOffset Now => _session.Now;

    /// <param name="caller">The call activity starting this instance, named when its values break a parameter's bounds.</param>
    /// <param name="startEventId">The start event the first token is put on.</param>
    /// <param name="ct">Cancels the step.</param>
    public async Task StartAsync(string startEventId, CancellationToken ct, FlowElement? caller = null)
    {
        foreach (var parameter in Model.Parameters)
            if (!Variables.ContainsKey(parameter.Name))
                Variables[parameter.Name] = parameter.Type == Orchestrator.Workflows.Model.ProcessParameterType.Number && double.TryParse(parameter.DefaultValue,
                    System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : parameter.DefaultValue;
        CheckParameterBounds(caller ?? Model[startEventId]);
        _ready.Enqueue(State.Add(startEventId, null));
        ArmEventSubProcesses(null, null);
        await RunAsync(ct);
    }

    /// <summary>
    /// The bounded parameters' values this instance starts with hold within their bounds, whoever gave them: the host checks an
    /// administrator's value, but a call activity's <c>orc:in</c> or a caller's copy of its variables reaches the callee unchecked.
    /// </summary>
    /// <exception cref="Engine.StepFailedException">A value lies beyond a bound (naming it and its source) or is not a duration.</exception>
    private void CheckParameterBounds(FlowElement blamed)
    {
        foreach (var parameter in Model.Parameters.Where(p => p.Min is not null || p.Max is not null))
        {
            if (Variables[parameter.Name] is not JsonValue value || !value.TryGetValue<string>(out var text) || text == parameter.DefaultValue) continue;
            var key = (parameter.Min, parameter.Max, text, _session.Options.Zone.Id);
            if (!BoundsVerdicts.TryGetValue(key, out var verdict))
            {
                verdict = !Timing.IsoDuration.TryParse(text, out var duration) ? $"is '{text}', not an ISO 8601 duration"
                    : parameter.IsAboveMax(duration, _session.Options.Zone) ? $"is {text}, beyond its maximum of {parameter.Max}"
                    : parameter.IsBelowMin(duration, _session.Options.Zone) ? $"is {text}, below its minimum of {parameter.Min}"
                    : null;
                if (BoundsVerdicts.Count < 4096) BoundsVerdicts[key] = verdict; // values computed per instance would grow it without end
            }
            if (verdict is not null)
                throw new Engine.StepFailedException("parameter-bounds", blamed.BpmnType, blamed.Id,
                    $"parameter '{parameter.Name}' of process '{Record.DefinitionKey}' {verdict} ({parameter.Source})");
        }
    }

    /// <summary>Whether a value lies within bounds (null) or why not, by bounds, value and zone: the check walks a leap cycle of days, the values are few.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string? Min, string? Max, string Value, string Zone), string?> BoundsVerdicts = new();

    /// <summary>Consumes <paramref name="bookmark"/> and continues from it; <paramref name="values"/> go into the variables first.</summary>
    public async Task ResumeAsync(BookmarkRecord bookmark, JsonObject? values, CancellationToken ct)
    {
        EnsureRunning();
        if (bookmark.Kind == BookmarkKind.Timer)
        {
            _firedTimers.Add(bookmark.ElementId);
            if (State.Find(bookmark.TokenId) is { } fired && LoopInstanceOf(fired) is { } instance) _firedInLoopInstances.Add(instance.Id);
        }
        ResumeCore(bookmark, values);
        await RunAsync(ct);
    }

    /// <summary>The timer events whose firing this step runs: one of them armed again already due is a loop that never waits.</summary>
    private readonly HashSet<string> _firedTimers = new(StringComparer.Ordinal);

    /// <summary>
    /// The multi-instance instances (their tokens' ids) a firing of this step ran in: a token coming back to the timer within the same
    /// instance is a loop; the next instance of a sequential activity, a token of its own whose list ends, is not.
    /// </summary>
    private readonly HashSet<int> _firedInLoopInstances = [];

    /// <summary>The innermost instance of a multi-instance activity <paramref name="token"/> runs in; null outside any.</summary>
    private Token? LoopInstanceOf(Token token) => ScopeChain(token).FirstOrDefault(t => t.IsLoopInstance);

    private void ResumeCore(BookmarkRecord bookmark, JsonObject? values)
    {
        try
        {
            ResumeElement(bookmark, values);
        }
        catch (Exception e) when (e is not OperationCanceledException and not WorkflowConflictException)
        {
            throw StepFailedException.Of(Model.Contains(bookmark.ElementId) ? Model[bookmark.ElementId] : Model.StartEvent, e);
        }
    }

    /// <summary>
    /// A message's payload lands in this instance's variables; a parameter of this process (a deadline bounded by law and set by an
    /// administrator, CASF D312-176-2 for a stay) is not the sender's to change, as it is not a called process's nor a form's.
    /// </summary>
    /// <exception cref="Engine.StepFailedException">The payload carries a variable named like one of this process's parameters.</exception>
    private void RefuseParameterInPayload(FlowElement element, string message, JsonObject? payload)
    {
        if (payload is not null && Model.Parameters.FirstOrDefault(p => payload.ContainsKey(p.Name)) is { } parameter)
            throw new Engine.StepFailedException("payload", element.BpmnType, element.Id,
                $"message '{message}' carries '{parameter.Name}', a parameter of this process (a deadline only an administrator sets): the sender must give it another name");
    }

    private void ResumeElement(BookmarkRecord bookmark, JsonObject? values)
    {
        var element = Model[bookmark.ElementId];
        if (bookmark.Kind == BookmarkKind.Message && bookmark.MessageName is { } message && !message.StartsWith(WellKnownMessages.EnginePrefix, StringComparison.Ordinal))
            RefuseParameterInPayload(element, message, values);
        if (element.Kind == ElementKind.CallActivity && bookmark.MessageName == WellKnownMessages.CallActivityEscalated)
        {
            ResumeCalleeEscalation(bookmark, values);
            return;
        }
        if (element.Kind == ElementKind.StartEvent && element.ParentId is { } container && Model[container].TriggeredByEvent)
        {
            // Its scope's token: within a loop instance, a message payload is that instance's, as a task's answers are.
            WriteAt(State.Find(bookmark.TokenId), values);
            TriggerEventSubProcess(bookmark, element);
            return;
        }
        var token = State.Find(bookmark.TokenId)
            ?? throw new InvalidOperationException($"Bookmark {bookmark.Id} points at token {bookmark.TokenId}, which instance {Record.Id} no longer has.");
        string? calledError = null;
        if (element.Kind == ElementKind.CallActivity && bookmark.MessageName == WellKnownMessages.CallActivityCompleted)
        {
            calledError = CalledErrorOf(values);
            if (calledError is null) MergeCallResult(element, token, values);
        }
        else WriteAt(token, values);
        RemoveBookmark(bookmark);
        if (calledError is not null)
        {
            // The called process ended on an error: the call activity throws it on, to its own boundary events first.
            ThrowError(token, element, calledError, onThrower: true);
            return;
        }

        if (element.Kind == ElementKind.BoundaryEvent)
        {
            // A non-interrupting event stays armed while its activity runs: the next message, or the cycle's next occurrence, triggers it again.
            if (element.CancelActivity) CancelToken(token);
            else if (bookmark.Kind == BookmarkKind.Message) AddMessageBookmark(token, element, bookmark.MessageName!, bookmark.CorrelationKey);
            else if (bookmark.CycleRemaining is { } remaining and not 0) RescheduleCycle(bookmark, token, element, remaining);
            FireBoundary(element, token.ScopeId);
        }
        else if (Model[token.ElementId].Kind == ElementKind.EventBasedGateway) TakeGatewayEvent(token, element);
        else
        {
            RemoveBookmarksOf(token, cancelTasks: true);
            History(element, HistoryEvent.Completed);
            Leave(token, element);
        }
    }

    /// <summary>
    /// The first event after an event-based gateway occurred: the others are withdrawn, and the history shows the gateway
    /// completed, then the event entered and completed, as a token passing through them.
    /// </summary>
    private void TakeGatewayEvent(Token token, FlowElement element)
    {
        RemoveBookmarksOf(token, cancelTasks: true);
        History(Model[token.ElementId], HistoryEvent.Completed);
        token.ElementId = element.Id;
        History(element, HistoryEvent.Entered);
        History(element, HistoryEvent.Completed);
        Leave(token, element);
    }

    /// <summary>Whether this instance's tokens are being moved in this step (a callee it started runs within that).</summary>
    public bool IsRunning => _running > 0;
    private int _running;

    private async Task RunAsync(CancellationToken ct)
    {
        _running++;
        try
        {
            await RunTokensAsync(ct);
        }
        finally
        {
            _running--;
        }
    }

    private async Task RunTokensAsync(CancellationToken ct)
    {
        while (true)
        {
            while (true)
            {
                // A conditional event occurs as soon as its condition holds: when armed, and after each element the step runs.
                if (OccurTrueConditions()) continue;
                if (!_ready.TryDequeue(out var token)) break;
                if (!State.Tokens.Contains(token) || token.Status is not (TokenStatus.Ready or TokenStatus.Joined)) continue;
                var current = Model[token.ElementId];
                // A failure of the step like any other (an incident after a timer, a message or a signal; a refusal in French after a
                // task), naming the element it reached: the definition loops without a wait state.
                if (++_session.Effects.ElementsExecuted > _session.Options.MaxElementsPerStep)
                    throw new StepFailedException("step-limit", current.BpmnType, current.Id,
                        $"the step executed more than {_session.Options.MaxElementsPerStep} elements (last: '{current.Id}'); the definition loops without a wait state, or runs more elements than that before one");
                try
                {
                    await ExecuteAsync(token, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException and not WorkflowConflictException)
                {
                    throw StepFailedException.Of(current, e);
                }
            }
            if (ReleaseInclusiveJoins()) continue;
            // A message may have arrived before its catch existed: deliver it now, in this same step.
            if (await TryConsumeEarlyMessageAsync(ct)) continue;
            CheckParallelJoinsCanFire();
            break;
        }
    }

    /// <summary>
    /// Once the step's tokens are at rest: a parallel join holding tokens for a flow that no other token of its scope can reach any more
    /// (an exclusive choice before it took another way, a loop brought a second token on a flow already there) can never fire, and the
    /// instance would stay running with nothing to do and nothing saying why. The step fails instead, naming the join and the flow.
    /// </summary>
    /// <exception cref="StepFailedException">A parallel join can never fire.</exception>
    private void CheckParallelJoinsCanFire()
    {
        foreach (var group in State.Tokens.Where(t => t.Status == TokenStatus.Joining && Model[t.ElementId].Kind == ElementKind.ParallelGateway)
                     .GroupBy(t => (t.ElementId, t.ScopeId)).ToList())
        {
            var gateway = Model[group.Key.ElementId];
            var arrived = group.Select(t => t.ArrivedVia).ToHashSet();
            var others = State.Tokens.Where(t => t.ScopeId == group.Key.ScopeId && !group.Contains(t)).ToList();
            foreach (var flow in gateway.Incoming.Where(f => !arrived.Contains(f.Id)))
                if (!others.Any(t => t.ElementId == flow.SourceRef || CanReach(t.ElementId, flow.SourceRef)))
                    throw new StepFailedException("join-deadlock", gateway.BpmnType, gateway.Id,
                        $"it waits for flow '{flow.Id}', which no token can reach any more: the join can never fire (an exclusive choice before it took another way, say)");
        }
    }

    private void Leave(Token token, FlowElement element)
    {
        if (token.IsLoopInstance && token.ElementId == element.Id)
        {
            CompleteLoopInstance(token, element);
            return;
        }
        var flows = SelectOutgoing(element, token);
        if (flows.Count == 0)
        {
            EndToken(token);
            return;
        }
        Move(token, flows[0]);
        foreach (var flow in flows.Skip(1)) Move(State.Add(element.Id, token.ScopeId), flow);
    }

    private void Move(Token token, SequenceFlow flow)
    {
        token.ElementId = flow.TargetRef;
        token.ArrivedVia = flow.Id;
        token.Status = TokenStatus.Ready;
        _ready.Enqueue(token);
    }

    /// <summary>
    /// The flows a token leaves <paramref name="element"/> by. A parallel gateway takes every flow; an exclusive
    /// gateway the first whose condition is true; any other element (an activity, an event) every flow without
    /// a condition and every flow whose condition is true, like an inclusive split (BPMN 2.0 §13.2.1). The
    /// default flow is taken only when nothing else is. No flow at all, out of an element that has some, fails
    /// the step naming the element: a token never silently ends where the model did not say it ends.
    /// </summary>
    private List<SequenceFlow> SelectOutgoing(FlowElement element, Token token)
    {
        if (element.Kind == ElementKind.ParallelGateway) return element.Outgoing.ToList();
        var exclusive = element.Kind == ElementKind.ExclusiveGateway;
        var chosen = new List<SequenceFlow>();
        foreach (var flow in element.Outgoing)
        {
            if (flow.Id == element.DefaultFlowId) continue;
            if (flow.Condition is null ? !exclusive || element.Outgoing.Count == 1 : Condition(element, flow, token))
            {
                chosen.Add(flow);
                if (exclusive) break;
            }
        }
        if (chosen.Count == 0 && element.DefaultFlowId is { } defaultId) chosen.Add(element.Outgoing.First(f => f.Id == defaultId));
        if (chosen.Count == 0 && element.Outgoing.Count > 0)
            throw new StepFailedException("no-path", element.BpmnType, element.Id,
                $"no outgoing flow has a true condition ({string.Join(", ", element.Outgoing.Select(f => f.Id))}) and there is no default flow");
        return chosen;
    }

    private bool Condition(FlowElement element, SequenceFlow flow, Token token)
    {
        try
        {
            return Expressions.ConditionExpression.Evaluate(flow.Condition!, VariablesFor(token));
        }
        catch (Expressions.ExpressionException e)
        {
            throw new StepFailedException("condition", element.BpmnType, element.Id,
                $"the condition {flow.Condition} of flow '{flow.Id}' cannot be decided: {e.Reason}", e);
        }
    }

    private void EnsureRunning()
    {
        if (Record.Status != InstanceStatus.Running)
            throw new WorkflowConflictException(WorkflowConflict.InstanceEnded, $"Instance {Record.Id} has already ended ({Record.Status}).");
    }

    private void History(FlowElement element, HistoryEvent what) => _session.Db.History.Add(new ActivityHistoryRecord
    {
        InstanceId = Record.Id,
        ElementId = element.Id,
        ElementType = element.BpmnType,
        Event = what,
        At = Now,
        Actor = _session.Actor,
    });

    public void Flush()
    {
        Record.State = State.Serialize();
        Record.Variables = Variables.ToJsonString();
        Record.UpdatedAt = Now;
        Record.Version++;
    }
}
