using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

internal sealed partial class InstanceExecution
{
    private async Task ExecuteAsync(Token token, CancellationToken ct)
    {
        var element = Model[token.ElementId];
        if (element.Kind == ElementKind.ParallelGateway && element.Incoming.Count > 1 && !TryJoin(token, element)) return;
        if (element.Kind == ElementKind.InclusiveGateway && element.Incoming.Count > 1 && token.Status != TokenStatus.Joined)
        {
            // Released (or not) once nothing else can move in this step: see ReleaseInclusiveJoins.
            token.Status = TokenStatus.Joining;
            return;
        }
        if (token.Status == TokenStatus.Joined) token.Status = TokenStatus.Ready;
        if (element.Loop is not null && !token.IsLoopInstance)
        {
            StartLoop(token, element);
            return;
        }
        History(element, HistoryEvent.Entered);
        _enteredInStep.Add((token.Id, element.Id));
        switch (element.Kind)
        {
            case ElementKind.StartEvent or ElementKind.ManualTask or ElementKind.Task
                or ElementKind.ExclusiveGateway or ElementKind.ParallelGateway or ElementKind.InclusiveGateway:
                CompleteAndLeave(token, element);
                break;
            case ElementKind.IntermediateThrowEvent when element.Trigger == EventTrigger.Link:
                History(element, HistoryEvent.Completed);
                token.ElementId = element.LinkTargetId!;
                token.ArrivedVia = null;
                _ready.Enqueue(token);
                break;
            case ElementKind.IntermediateCatchEvent when element.Trigger == EventTrigger.Link:
                CompleteAndLeave(token, element);
                break;
            case ElementKind.IntermediateThrowEvent when element.Trigger == EventTrigger.Escalation:
                History(element, HistoryEvent.Completed);
                // An interrupting catch withdraws the thrower with its scope; otherwise it goes on.
                if (!ThrowEscalation(token, element, element.EscalationCode!, ending: false)) Leave(token, element);
                break;
            case ElementKind.IntermediateThrowEvent or ElementKind.SendTask:
                History(element, HistoryEvent.Completed);
                if (element.Message is not null && !await ThrowMessageFromAsync(token, element, ct)) break;
                if (element.SignalName is not { } thrown || ThrowSignalFrom(token, thrown)) Leave(token, element);
                break;
            case ElementKind.EndEvent when element.Trigger == EventTrigger.Escalation:
                History(element, HistoryEvent.Completed);
                if (!ThrowEscalation(token, element, element.EscalationCode!, ending: true)) EndToken(token);
                break;
            case ElementKind.EndEvent when element.Trigger == EventTrigger.Error:
                History(element, HistoryEvent.Completed);
                State.Tokens.Remove(token);
                await ThrowErrorAsync(token, element, element.ErrorCode!, onThrower: false, ct);
                break;
            case ElementKind.EndEvent:
                History(element, HistoryEvent.Completed);
                if (element.Message is not null && !await ThrowMessageFromAsync(token, element, ct)) break;
                // Heard before the token ends its scope, which is still running: its boundary events hear it too.
                if (element.SignalName is { } signal && !ThrowSignalFrom(token, signal)) break;
                if (element.Trigger == EventTrigger.Terminate) Terminate(token);
                else EndToken(token);
                break;
            case ElementKind.UserTask:
                Wait(token);
                CreateUserTask(token, element);
                CreateBoundaryBookmarks(token, element);
                break;
            case ElementKind.ReceiveTask or ElementKind.IntermediateCatchEvent:
                Wait(token);
                CreateEventBookmark(token, element);
                CreateBoundaryBookmarks(token, element);
                break;
            case ElementKind.EventBasedGateway:
                Wait(token);
                ArmGatewayEvents(token, element);
                break;
            case ElementKind.ServiceTask:
                await RunServiceTaskAsync(token, element, ct);
                break;
            case ElementKind.SubProcess:
                token.Status = TokenStatus.Scope;
                _ready.Enqueue(State.Add(element.StartEventId!, token.Id));
                ArmEventSubProcesses(token, element.Id);
                CreateBoundaryBookmarks(token, element);
                break;
            case ElementKind.CallActivity:
                await StartCalledInstanceAsync(token, element, ct);
                break;
            default:
                throw new WorkflowException("unsupported", $"{element} cannot be executed.");
        }
    }

    private void CompleteAndLeave(Token token, FlowElement element)
    {
        History(element, HistoryEvent.Completed);
        Leave(token, element);
    }

    private static void Wait(Token token) => token.Status = TokenStatus.Waiting;

    /// <summary>A parallel join fires once a token has arrived on every incoming flow of the same scope.</summary>
    private bool TryJoin(Token token, FlowElement gateway)
    {
        token.Status = TokenStatus.Joining;
        // The tokens waiting here, the first on each flow: one pass over the tokens, not one per incoming flow (a join of a
        // thousand branches would otherwise take a billion comparisons to release).
        var waitingByFlow = new Dictionary<string, Token>(StringComparer.Ordinal);
        foreach (var t in State.Tokens)
            if (t.Status == TokenStatus.Joining && t.ElementId == gateway.Id && t.ScopeId == token.ScopeId && t.ArrivedVia is { } via)
                waitingByFlow.TryAdd(via, t);
        var arrived = new List<Token>(gateway.Incoming.Count);
        foreach (var flow in gateway.Incoming)
        {
            if (!waitingByFlow.TryGetValue(flow.Id, out var waiting)) return false;
            arrived.Add(waiting);
        }
        foreach (var other in arrived.Where(t => t != token)) State.Tokens.Remove(other);
        token.Status = TokenStatus.Ready;
        return true;
    }

    private async Task RunServiceTaskAsync(Token token, FlowElement element, CancellationToken ct)
    {
        var descriptor = _session.Catalog.Find(element.ActivityType!)
            ?? throw new WorkflowException("unknown-activity", $"Service task '{element.Id}' names activity '{element.ActivityType}', which is not registered.");
        var activity = (IActivity)_session.Services.GetRequiredService(descriptor.ImplementationType);
        var scope = VariablesFor(token);
        var inputs = element.Inputs.ToDictionary(i => i.Key, i => ExpressionEvaluator.Evaluate(i.Value, scope));
        var events = new List<(string Type, JsonObject Payload)>();
        var context = new ActivityContext(Record.Id, Record.DefinitionKey, element.Id, Record.BusinessKey, Now, inputs,
            (JsonObject)scope.DeepClone(), events, _session.Services, _session.Options.Zone);
        ActivityResult result;
        try
        {
            result = await activity.ExecuteAsync(context, ct);
        }
        catch (BpmnErrorException error)
        {
            await ThrowErrorAsync(token, element, error.Code, onThrower: true, ct);
            return;
        }
        catch (Exception e) when (e is not WorkflowException and not OperationCanceledException)
        {
            throw new WorkflowException("activity-failed", $"Activity '{element.ActivityType}' of service task '{element.Id}' failed: {e.Message}", e);
        }
        // An output named after a built-in (PlanDeadline's name input set to « Date ») would hide it from every later expression.
        if (result.Outputs.Keys.FirstOrDefault(ReservedNames.Contains) is { } reserved)
            throw new WorkflowException("activity-failed", $"Activity '{element.ActivityType}' of service task '{element.Id}' would write variable '{reserved}': {ReservedNames.Refusal(reserved)}");
        foreach (var (type, payload) in events) Outbox(type, payload);
        // An activity's results are those of the parallel loop instance it ran in (PlanDeadline's date, ProposeHandoff's id): the
        // instance reads its own, so that instances running side by side do not wait on each other's deadline or expire each other's
        // proposal, and they go on out when it completes (see HandOn: after the loop, the last completed instance's are read). In a
        // sequential loop they reach the next instance; outside a loop they go where a task's answers go (WriteAt).
        var loopInstance = ScopeChain(token).FirstOrDefault(t => t.IsLoopInstance && !Model[t.ElementId].Loop!.Sequential);
        foreach (var (name, value) in result.Outputs)
        {
            var node = Values.ToNode(value);
            if (loopInstance is not null && !ScopeChain(token).TakeWhile(t => t != loopInstance).Append(loopInstance).Any(t => t.Locals?.ContainsKey(name) == true))
            {
                (loopInstance.Locals ??= new JsonObject())[name] = null;
                (loopInstance.Shared ??= []).Add(name);
            }
            WriteAt(token, name, node);
        }
        if (result.WaitForMessage is null)
        {
            CompleteAndLeave(token, element);
            return;
        }
        Wait(token);
        AddMessageBookmark(token, element, result.WaitForMessage, result.CorrelationKey);
        CreateBoundaryBookmarks(token, element);
    }

    private async Task StartCalledInstanceAsync(Token token, FlowElement element, CancellationToken ct)
    {
        if (await _session.CallDepthAsync(this, _session.Options.MaxCallDepth, ct) >= _session.Options.MaxCallDepth)
            throw new WorkflowException("call-depth", $"Call activity '{element.Id}' exceeds the maximum call depth of {_session.Options.MaxCallDepth}.");
        var called = await _session.Definitions.GetLatestPublishedAsync(_session.Db, element.CalledElement!, ct);
        // A call starts the process where a plain start event is (BPMN 2.0 §10.3.5, as Zeebe requires): never at a message or timer
        // start, which would run at once what was drawn to wait for its message or its date.
        if (called.Model.StartEvent.Trigger != EventTrigger.None)
            throw new StepFailedException("call-target", element.BpmnType, element.Id, $"it calls process '{element.CalledElement}', which has no start event without event definition: a call starts a process there, not at its {called.Model.StartEvent.BpmnType} '{called.Model.StartEventId}' with a {called.Model.StartEvent.Trigger.ToString().ToLowerInvariant()} definition");
        var child = _session.Create(called, CalleeVariables(element, token), Record.BusinessKey, Record.Id);
        Wait(token);
        AddMessageBookmark(token, element, WellKnownMessages.CallActivityCompleted, child.Record.Id.ToString());
        // The callee's uncaught escalations come back here, if anything on this side could catch them.
        if (Model.CatchesEscalations || Record.ParentInstanceId is not null)
            AddMessageBookmark(token, element, WellKnownMessages.CallActivityEscalated, child.Record.Id.ToString());
        CreateBoundaryBookmarks(token, element);
        try
        {
            await child.StartAsync(called.Model.StartEventId, ct, caller: element);
        }
        catch (StepFailedException e)
        {
            // The callee failed in this very step: the incident is the caller's, on this call, naming the callee's element. Named
            // after the callee's element alone, it would point at whatever has that id in the caller's diagram, or at nothing.
            throw new StepFailedException(e.Code, element.BpmnType, element.Id, $"the process '{element.CalledElement}' it calls failed at once: {e.Message}", e);
        }
    }
}
