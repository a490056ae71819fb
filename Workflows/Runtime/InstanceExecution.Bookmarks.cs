using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Timing;

namespace Orchestrator.Workflows.Runtime;

internal sealed partial class InstanceExecution
{
    private static readonly JsonSerializerOptions FieldJson = new(JsonSerializerDefaults.Web);
    private readonly List<Guid> _childrenToCancel = new();

    private BookmarkRecord AddBookmark(Token token, FlowElement element, BookmarkKind kind)
    {
        var bookmark = new BookmarkRecord
        {
            Id = OrderedIds.Next(Now),
            InstanceId = Record.Id,
            TokenId = token.Id,
            ElementId = element.Id,
            Kind = kind,
            CreatedAt = Now,
        };
        Bookmarks.Add(bookmark);
        _session.Db.Bookmarks.Add(bookmark);
        _session.Effects.BookmarksArmed.Add(bookmark);
        return bookmark;
    }

    /// <summary>
    /// A task's due date from its <c>orc:dueIn</c>: an ISO 8601 duration from now, or a date (a deadline a <c>PlanDeadline</c>
    /// computed, read as <c>${meetingDeadline}</c>) taken as it is; none for an empty text (a computed <c>''</c>: the author's « no
    /// deadline here »; one computed to null fails the step, see CreateUserTask).
    /// </summary>
    private DateTimeOffset? DueAt(string? dueIn) =>
        string.IsNullOrEmpty(dueIn) ? null
        : IsoDuration.TryParse(dueIn, out var duration) ? duration.AddTo(Now, _session.Options.Zone)
        : ZonedDates.TryParse(dueIn, _session.Options.Zone, out var date) ? date
        : IsoDuration.Parse(dueIn).AddTo(Now, _session.Options.Zone);

    private void CreateUserTask(Token token, FlowElement element)
    {
        var bookmark = AddBookmark(token, element, BookmarkKind.UserTask);
        var scope = VariablesFor(token);
        var dueIn = element.DueIn is null ? null : ExpressionEvaluator.EvaluateString(element.DueIn, scope);
        // A deadline computed to nothing (a variable not set yet, a misspelt parameter's property) would open the task without one,
        // and no « en retard » alert would ever be raised for it: the step fails naming the task, as for a role computed to nothing.
        // An empty text is the author's way to say « no deadline here » (« ${urgent ? 'P1D' : ''} »), and is kept so.
        if (element.DueIn is not null && dueIn is null)
            throw new Engine.StepFailedException("dueIn", element.BpmnType, element.Id,
                $"orc:dueIn {element.DueIn} gives nothing (null), so the task would have no deadline and never be late: give a duration or a date, or '' where the task has none");
        // A role computed to nothing would leave the task to anyone, a coordinator taking the doctor's decision: it fails the step.
        var role = element.Role is null ? null : ExpressionEvaluator.EvaluateWholeText(element.Role, scope);
        if (role is { Length: 0 })
            throw new Engine.StepFailedException("role", element.BpmnType, element.Id, $"orc:role {element.Role} gives an empty text, so the task would be anyone's");
        // A task no function may complete would wait for ever: a role computed (or published before the check) outside them fails here.
        if (role is not null && _session.Options.TaskRoles is { } roles && !roles.Contains(role))
            throw new Engine.StepFailedException("role", element.BpmnType, element.Id,
                $"orc:role {element.Role} gives '{role}', which is no function, so nobody could complete the task: {string.Join(", ", roles)}");
        var task = new HumanTaskRecord
        {
            Id = bookmark.Id,
            InstanceId = Record.Id,
            BusinessKey = Record.BusinessKey,
            DefinitionKey = Record.DefinitionKey,
            ElementId = element.Id,
            Name = LoopTaskName(token, element),
            Role = role,
            DueAt = DueAt(dueIn),
            Status = HumanTaskStatus.Open,
            Fields = JsonSerializer.Serialize(element.Fields, FieldJson),
            CreatedAt = Now,
        };
        _session.Db.Tasks.Add(task);
        Outbox(WorkflowEvents.TaskCreated, TaskPayload(task));
    }

    private void CreateBoundaryBookmarks(Token token, FlowElement activity)
    {
        // The boundary events of a multi-instance activity belong to its body, armed once for every instance.
        if (token.IsLoopInstance) return;
        foreach (var boundaryId in activity.BoundaryEventIds) CreateEventBookmark(token, Model[boundaryId]);
    }

    /// <summary>
    /// The bookmark of a catch event (or receive task): a timer or a message subscription. A value it computes (the timer's, the
    /// correlation key's) that fails fails the step named after this event: a boundary event is armed as its activity is
    /// entered, an event sub-process's start as its scope is, and the failure would otherwise name the activity, or nothing.
    /// </summary>
    private void CreateEventBookmark(Token token, FlowElement element)
    {
        try
        {
            ArmEvent(token, element);
        }
        catch (Exception e) when (e is Expressions.ExpressionException || (e is Engine.WorkflowException && e is not Engine.StepFailedException))
        {
            throw Engine.StepFailedException.Of(element, e);
        }
    }

    private void ArmEvent(Token token, FlowElement element)
    {
        if (element.Timer is { } timer) AddTimerBookmark(token, element, timer);
        else if (element.SignalName is { } signal) AddMessageBookmark(token, element, WellKnownMessages.SignalPrefix + signal, null);
        else if (element.Trigger == EventTrigger.Conditional) AddConditionBookmark(token, element, held: false);
        else if (element.Message is { } message)
            AddMessageBookmark(token, element, message.MessageName,
                message.CorrelationKey is null ? null : CorrelationKey(message.CorrelationKey, VariablesFor(token)));
    }

    /// <summary>
    /// Arms the events after an event-based gateway. Its timer cycles wholly in the past are left unarmed; when that leaves
    /// nothing to wait for (every event is such a cycle), the first fires once, now, as a lone catch event's would, rather than
    /// leave the token waiting for ever.
    /// </summary>
    private void ArmGatewayEvents(Token token, FlowElement gateway)
    {
        foreach (var flow in gateway.Outgoing) CreateEventBookmark(token, Model[flow.TargetRef]);
        if (Bookmarks.Any(b => b.TokenId == token.Id)) return;
        var first = Model[gateway.Outgoing[0].TargetRef];
        // Come back by a loop from one of these very timers: firing again at once would go round without end.
        if (gateway.Outgoing.Any(f => _firedTimers.Contains(f.TargetRef)))
            throw new Engine.StepFailedException("timer", gateway.BpmnType, gateway.Id,
                "none of its events can occur any more: each is a timer cycle whose repetitions are all past, so the token would wait for ever");
        AddTimerBookmark(token, first, new TimerPlan(Now, null, null));
    }

    /// <summary>
    /// The value of an <c>orc:correlationKey</c>: text, a number or a boolean, as text. One that yields nothing (a variable still
    /// null) or a list or an object fails the step (Zeebe does the same): keyed by nothing, a catch would take any message sent
    /// without a key, and a throw would reach any catch waiting without one.
    /// </summary>
    /// <exception cref="ExpressionException">The key fails, or yields null, undefined, a list or an object.</exception>
    private static string CorrelationKey(string expression, JsonObject scope) => ExpressionEvaluator.Evaluate(expression, scope) switch
    {
        null => throw new ExpressionException(expression, "as a correlation key it yields nothing (null); a key must be a text, a number or a boolean"),
        JsonArray => throw new ExpressionException(expression, "as a correlation key it yields a list; a key must be a text, a number or a boolean"),
        JsonNode => throw new ExpressionException(expression, "as a correlation key it yields an object; a key must be a text, a number or a boolean"),
        var key => ExpressionEvaluator.Text(key),
    };

    private void AddTimerBookmark(Token token, FlowElement element, TimerDefinition timer)
    {
        var value = ExpressionEvaluator.EvaluateWholeText(timer.Expression, VariablesFor(token));
        // A value computed at run time is held to the rules a written one met when the definition was published: an unbounded
        // cycle of ten milliseconds from a variable would otherwise fire without end.
        if (timer.Expression.Contains("${", StringComparison.Ordinal)
            && TimerValue.Check(timer.Kind, value, _session.Options.TimerRules(Now)) is { } refused)
            throw new Engine.StepFailedException("timer", element.BpmnType, element.Id, $"its timer evaluated to '{value}': {refused}");
        TimerPlan? plan;
        try
        {
            plan = TimerValue.First(timer.Kind, value, Now, _session.Options.Zone, takeNow: !_firedTimers.Contains(element.Id));
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            // Named after the event whose timer it is: a boundary event's value fails as its activity is entered, and the step's
            // failure alone would name the activity.
            throw new Engine.StepFailedException("timer", element.BpmnType, element.Id, e.Message, e);
        }
        if (plan is null)
        {
            // A cycle whose occurrences all lie before this moment owes nothing. On a boundary event or an event sub-process's
            // start, it is not armed and the activity runs without it; behind an event-based gateway neither, while another of its
            // events may still occur (three reminders, then the answer alone is awaited; see ArmGatewayEvents). A catch event in the
            // flow has a token waiting on it alone, which would wait for ever: it fires once, now, as a timer date in the past does.
            if (element.BpmnType != "intermediateCatchEvent" || Model[token.ElementId].Kind == ElementKind.EventBasedGateway) return;
            plan = new TimerPlan(Now, null, null);
        }
        AddTimerBookmark(token, element, plan);
    }

    private void AddTimerBookmark(Token token, FlowElement element, TimerPlan plan)
    {
        // Its own firing led back to it, and it is due at once again (PT0S, a date in the past): round the loop it would fire
        // without end, a step after another, never waiting. The loop is stopped here, on an incident, rather than left to run.
        // Any token coming back to it counts, whatever brought it: a signal or a message the timer's path throws to another branch
        // closes the loop as surely as a flow does. Inside a multi-instance activity, any token of the instance the timer fired in: a
        // sequential one comes back to it with its next instance, a token of its own whose list ends.
        if (plan.Due <= Now && _firedTimers.Contains(element.Id) && (LoopInstanceOf(token) is not { } instance || _firedInLoopInstances.Contains(instance.Id)))
            throw new Engine.StepFailedException("timer-loop", element.BpmnType, element.Id,
                "its timer is due at once again each time a loop comes back to it: the loop never waits and would run without end");
        var bookmark = AddBookmark(token, element, BookmarkKind.Timer);
        bookmark.DueAt = plan.Due;
        bookmark.CycleRemaining = plan.CycleRemaining;
        bookmark.CycleInterval = plan.CycleState;
        _session.Effects.TimersToSchedule.Add(new ScheduledTimer(bookmark.Id, plan.Due));
    }

    /// <summary>The cycle's next occurrence after the one that fired; every occurrence missed meanwhile is covered by this firing.</summary>
    private void RescheduleCycle(BookmarkRecord fired, Token token, FlowElement element, int remaining)
    {
        if (TimerValue.Next(fired.CycleInterval!, fired.DueAt, remaining, Now, _session.Options.Zone) is { } plan)
            AddTimerBookmark(token, element, plan);
    }

    private void AddMessageBookmark(Token token, FlowElement element, string name, string? correlationKey)
    {
        var bookmark = AddBookmark(token, element, BookmarkKind.Message);
        bookmark.MessageName = name;
        bookmark.CorrelationKey = correlationKey;
        _newMessageBookmarks.Add(bookmark);
    }

    private void RemoveBookmark(BookmarkRecord bookmark)
    {
        Bookmarks.Remove(bookmark);
        _session.Db.Bookmarks.Remove(bookmark);
        if (bookmark.Kind == BookmarkKind.Timer) _session.Effects.TimersToCancel.Add(new ScheduledTimer(bookmark.Id, bookmark.DueAt ?? DateTimeOffset.MinValue));
    }

    private void RemoveBookmarksOf(Token token, bool cancelTasks)
    {
        foreach (var bookmark in Bookmarks.Where(b => b.TokenId == token.Id).ToList())
        {
            RemoveBookmark(bookmark);
            if (bookmark.Kind == BookmarkKind.UserTask && cancelTasks) CancelTask(bookmark.Id);
            // The token's own wait still there is a wait that never ended: an activity's (not a receive task's or a catch's, which
            // stand for nothing outside) is told to the host.
            if (bookmark.Kind == BookmarkKind.Message && bookmark.ElementId == token.ElementId && Model[bookmark.ElementId].Kind == ElementKind.ServiceTask)
                Outbox(WorkflowEvents.WaitCancelled, new JsonObject
                {
                    ["elementId"] = bookmark.ElementId, ["messageName"] = bookmark.MessageName, ["correlationKey"] = bookmark.CorrelationKey,
                    ["businessKey"] = Record.BusinessKey,
                });
            if (bookmark.MessageName == WellKnownMessages.CallActivityCompleted && Guid.TryParse(bookmark.CorrelationKey, out var child))
            {
                _childrenToCancel.Add(child);
                DropThrownToCall(bookmark.CorrelationKey!);
            }
        }
    }

    private void CancelTask(Guid taskId)
    {
        var task = _session.Db.Tasks.Find(taskId);
        if (task is null || task.Status != HumanTaskStatus.Open) return;
        task.Status = HumanTaskStatus.Cancelled;
        task.EndedAt = Now;
        Outbox(WorkflowEvents.TaskCancelled, TaskPayload(task));
    }

    /// <summary>
    /// Delivers what this step threw to this instance's catches, in the order it was thrown (see <see cref="TryHearThrownInStepAsync"/>),
    /// else a stored message that was waiting for one of this step's new subscriptions; true when one was.
    /// </summary>
    private async Task<bool> TryConsumeEarlyMessageAsync(CancellationToken ct)
    {
        foreach (var childId in _childrenToCancel.ToList())
        {
            _childrenToCancel.Remove(childId);
            var child = await _session.LoadAsync(childId, ct);
            if (child.Record.Status == InstanceStatus.Running) await child.CancelAsync(ct);
        }
        if (await TryHearThrownInStepAsync(ct)) return true;
        while (_newMessageBookmarks.Count > 0)
        {
            var bookmark = _newMessageBookmarks[0];
            _newMessageBookmarks.RemoveAt(0);
            if (!Bookmarks.Contains(bookmark)) continue;
            var now = Now;
            var consumed = _session.Effects.MessagesConsumed.ToList();
            var message = await _session.Db.PendingMessages
                .Where(m => m.Name == bookmark.MessageName && m.CorrelationKey == bookmark.CorrelationKey && (m.ExpiresAt == null || m.ExpiresAt > now)
                    && !consumed.Contains(m.Id))
                .OrderBy(m => m.ReceivedAt).FirstOrDefaultAsync(ct);
            if (message is null) continue;
            _session.Effects.MessagesConsumed.Add(message.Id);
            _session.Db.PendingMessages.Remove(message);
            ResumeCore(bookmark, JsonNode.Parse(message.Payload) as JsonObject);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Hands this instance, in the order they were thrown in the step, the first signal or message it has yet to hear: a signal a
    /// callee threw while this instance's call activity ran (its catches listening then hear it, see
    /// <see cref="ThrownSignal.CallersListening"/>), or a message thrown in the step that one of this step's new catches waits for
    /// (a callee's escalation and completion, a message end event) and that no catch elsewhere has waited for longer. So a callee
    /// that ends in the very step that calls it is heard by the call's boundary events before its completion ends the call, as
    /// when it ends in a later step. True when something was heard.
    /// </summary>
    private async Task<bool> TryHearThrownInStepAsync(CancellationToken ct)
    {
        foreach (var thrown in _session.Effects.ThrownInOrder.ToList())
        {
            if (thrown is ThrownSignal signal && signal.CallersListening.TryGetValue(Record.Id, out var listening) && listening.Count > 0)
            {
                signal.CallersListening[Record.Id] = [];
                var key = WellKnownMessages.SignalPrefix + signal.Name;
                var heard = false;
                foreach (var bookmark in Bookmarks.Where(b => b.MessageName == key && listening.Contains((b.ElementId, b.TokenId))).ToList())
                    if (Record.Status == InstanceStatus.Running && Bookmarks.Contains(bookmark))
                    {
                        ResumeCore(bookmark, null);
                        heard = true;
                    }
                if (heard) return true;
            }
            else if (thrown is PendingMessageRecord message && _session.Effects.MessagesThrown.Contains(message))
            {
                var bookmark = Bookmarks.Where(b => b.Kind == BookmarkKind.Message && b.MessageName == message.Name && b.CorrelationKey == message.CorrelationKey)
                    .OrderBy(b => b.CreatedAt).FirstOrDefault();
                // None of this step's new catches waits for it, or an older catch of this instance does: delivered after commit, to the oldest.
                if (bookmark is null || !_newMessageBookmarks.Contains(bookmark)) continue;
                // The engine's own messages (a callee's completion, its escalations) are keyed by the callee: only its call waits for them.
                if (!message.Name.StartsWith(WellKnownMessages.EnginePrefix, StringComparison.Ordinal)
                    && await OlderCatchElsewhereAsync(message, bookmark, ct)) continue;
                _newMessageBookmarks.Remove(bookmark);
                _session.Effects.MessagesThrown.Remove(message);
                _session.Effects.MessagesConsumed.Add(message.Id);
                _session.Db.PendingMessages.Remove(message);
                ResumeCore(bookmark, JsonNode.Parse(message.Payload) as JsonObject);
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether another instance has waited for <paramref name="message"/>'s name and key since before this instance's catch
    /// <paramref name="own"/>: it is owed the message first. Catches armed earlier in this step (not yet in the database) count, in
    /// the order the step armed them; so do committed ones, all older than a catch of this step even on a clock that stood still,
    /// unless this step has consumed or withdrawn them.
    /// </summary>
    private async Task<bool> OlderCatchElsewhereAsync(PendingMessageRecord message, BookmarkRecord own, CancellationToken ct)
    {
        bool Matches(BookmarkRecord b) => b.Kind == BookmarkKind.Message && b.MessageName == message.Name && b.CorrelationKey == message.CorrelationKey && b.InstanceId != Record.Id;
        var armed = _session.Effects.BookmarksArmed;
        var ownIndex = armed.IndexOf(own);
        if (armed.Take(Math.Max(ownIndex, 0)).Any(b => Matches(b) && _session.Db.Entry(b).State == EntityState.Added)) return true;
        var (name, key, self, since, armedInStep) = (message.Name, message.CorrelationKey, Record.Id, own.CreatedAt, ownIndex >= 0);
        var older = await _session.Db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == BookmarkKind.Message && b.MessageName == name && b.CorrelationKey == key && b.InstanceId != self
                && (b.CreatedAt < since || (armedInStep && b.CreatedAt == since)))
            .Select(b => b.Id).ToListAsync(ct);
        var withdrawn = _session.Db.ChangeTracker.Entries<BookmarkRecord>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
        return older.Any(id => !withdrawn.Contains(id));
    }

    /// <summary>A call withdrawn: what its callee threw back to it in this step (its completion, an escalation) has no one left to reach.</summary>
    private void DropThrownToCall(string calleeId)
    {
        foreach (var message in _session.Effects.MessagesThrown.Where(m => m.CorrelationKey == calleeId
                     && m.Name is WellKnownMessages.CallActivityCompleted or WellKnownMessages.CallActivityEscalated).ToList())
        {
            _session.Effects.MessagesThrown.Remove(message);
            _session.Db.PendingMessages.Remove(message);
        }
    }

    /// <summary>
    /// Throws the message of <paramref name="thrower"/>'s event, which has completed, before it leaves that event. A message has one
    /// receiver, the catch that has waited longest for its name and key (as for a message sent from outside); when that catch is this
    /// instance's own (a boundary event of the sub-process that throws, an event sub-process), it takes the message here, in the step,
    /// while the thrower's scope is still running: delivered after commit, it would come after a sub-process that throws as it ends
    /// had ended, and be kept for a later catch instead. Otherwise the message is delivered after commit. True when the thrower is
    /// still there to go on (a catch that interrupts its scope withdraws it, without recording the completed event as cancelled).
    /// </summary>
    private async Task<bool> ThrowMessageFromAsync(Token thrower, FlowElement element, CancellationToken ct)
    {
        var message = ThrowMessage(element, thrower);
        var own = Bookmarks.Where(b => b.Kind == BookmarkKind.Message && b.MessageName == message.Name && b.CorrelationKey == message.CorrelationKey)
            .OrderBy(b => b.CreatedAt).FirstOrDefault();
        if (own is null) return true;
        if (await OlderCatchElsewhereAsync(message, own, ct)) return true;
        _session.Effects.MessagesThrown.Remove(message);
        _session.Effects.ThrownInOrder.Remove(message);
        _session.Db.PendingMessages.Remove(message);
        thrower.ElementCompleted = true;
        ResumeCore(own, JsonNode.Parse(message.Payload) as JsonObject);
        thrower.ElementCompleted = false;
        return State.Tokens.Contains(thrower);
    }

    private PendingMessageRecord ThrowMessage(FlowElement element, Token token)
    {
        var scope = VariablesFor(token);
        var payload = new JsonObject();
        if (element.Extensions.TryGetValue("payload", out var names))
            foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                // A variable the thrower does not have is a fault of the diagram, as for a mapping: sent as null, it would
                // overwrite the receiver's own value of that name with nothing.
                payload[name] = scope.TryGetPropertyValue(name, out var value) ? value?.DeepClone()
                    : throw new Engine.StepFailedException("payload", element.BpmnType, element.Id,
                        $"its payload (orc:payload) names '{name}', which this instance does not have");
        var key = element.Message!.CorrelationKey is { } expression ? CorrelationKey(expression, scope) : null;
        var message = Throw(element.Message.MessageName, key, payload);
        _session.Effects.MessageThrowers[message.Id] = (Record.Id, element.BpmnType, element.Id);
        return message;
    }

    private PendingMessageRecord Throw(string name, string? correlationKey, JsonObject payload)
    {
        var message = new PendingMessageRecord
        {
            Id = OrderedIds.Next(Now),
            Name = name,
            CorrelationKey = correlationKey,
            Payload = payload.ToJsonString(),
            ReceivedAt = Now,
        };
        _session.Db.PendingMessages.Add(message);
        _session.Effects.MessagesThrown.Add(message);
        _session.Effects.ThrownInOrder.Add(message);
        return message;
    }

    /// <summary>
    /// Throws a signal from <paramref name="thrower"/>, whose event has completed, before it leaves that event. A signal reaches every
    /// catch listening when it is thrown (BPMN 2.0 §10.5.1: a broadcast). This instance's own catches hear it here, in the step,
    /// before the thrower goes on: a sub-process that throws as it ends is still running when its boundary event hears it, which a
    /// broadcast after commit would come too late for. Other instances hear it after commit. A catch armed later in the step (a
    /// non-interrupting boundary re-arming) was not listening, and does not hear it. A catch that interrupts the thrower's scope
    /// withdraws it there (without recording the completed event as cancelled, it has done its part). True when the thrower is
    /// still there to go on.
    /// </summary>
    private bool ThrowSignalFrom(Token thrower, string name)
    {
        thrower.ElementCompleted = true;
        ThrowSignal(name);
        thrower.ElementCompleted = false;
        return State.Tokens.Contains(thrower);
    }

    private void ThrowSignal(string name)
    {
        var thrown = new ThrownSignal(name, Record.Id) { ArmedBefore = _session.Effects.BookmarksArmed.Count };
        var key = WellKnownMessages.SignalPrefix + name;
        for (var caller = _session.RunningCaller(this); caller is not null; caller = _session.RunningCaller(caller))
            thrown.CallersListening[caller.Record.Id] = caller.Bookmarks.Where(b => b.Kind == BookmarkKind.Message && b.MessageName == key)
                .Select(b => (b.ElementId, b.TokenId)).ToList();
        _session.Effects.ThrownInOrder.Add(thrown);
        foreach (var listening in Bookmarks.Where(b => b.Kind == BookmarkKind.Message && b.MessageName == key).ToList())
            if (Record.Status == InstanceStatus.Running && Bookmarks.Contains(listening)) ResumeCore(listening, null);
    }

    private void Outbox(string type, JsonObject payload)
    {
        _session.Db.Outbox.Add(new OutboxRecord { InstanceId = Record.Id, Type = type, Payload = payload.ToJsonString(), CreatedAt = Now });
        _session.Effects.WroteOutbox = true;
    }

    internal static JsonObject TaskPayload(HumanTaskRecord task) => new()
    {
        ["taskId"] = task.Id,
        ["instanceId"] = task.InstanceId,
        ["businessKey"] = task.BusinessKey,
        ["definitionKey"] = task.DefinitionKey,
        ["elementId"] = task.ElementId,
        ["name"] = task.Name,
        ["role"] = task.Role,
        ["dueAt"] = task.DueAt?.ToString("O"),
        ["status"] = task.Status.ToString(),
    };
}
