using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Persistence.Writing;
using Orchestrator.Workflows.Runtime;
using Orchestrator.Workflows.Scheduling;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Engine;

/// <summary>
/// The engine's only entry point. Each call is one step: load, run until every token waits, commit
/// everything in one transaction, then schedule timers, deliver thrown messages and release outbox events.
/// Instances are never kept in memory between steps.
/// </summary>
public sealed partial class WorkflowEngine(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    DefinitionCache definitions,
    ActivityCatalog catalog,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<WorkflowOptions> options,
    ITimerScheduler timers,
    IStepWriter writer,
    OutboxDispatcher outbox,
    Diagnostics.WorkflowMetrics metrics,
    ILogger<WorkflowEngine> logger)
{
    /// <summary>
    /// Starts an instance of the published version of <paramref name="definitionKey"/> with <paramref name="variables"/> (plain values,
    /// lists and dictionaries; dates as ISO 8601 text) and runs it to its first wait states, in one step: either all of it is committed
    /// or none. <paramref name="businessKey"/> ties it to the host's record (the episode's id); <paramref name="actor"/> is written in
    /// its history. Returns the instance's id.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">The definition has no published version.</exception>
    /// <exception cref="WorkflowException">A variable cannot be kept (NaN, Infinity), or the first step failed (the code and message name the element); nothing is written.</exception>
    public Task<Guid> StartAsync(string definitionKey, IReadOnlyDictionary<string, object?>? variables = null,
        string? businessKey = null, string? actor = null, CancellationToken ct = default) =>
        StepAsync(actor, async session =>
        {
            var definition = await definitions.GetLatestPublishedAsync(session.Db, definitionKey, ct);
            return await StartInSessionAsync(session, definition, Values.ToObject(variables), businessKey, definition.Model.StartEventId, ct);
        }, ct);

    /// <summary>
    /// Starts an instance of the definition version <paramref name="definitionId"/> (as <see cref="StartAsync"/>); a draft only when
    /// <see cref="WorkflowOptions.AllowDraftInstances"/> (a dry run).
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">No such version.</exception>
    /// <exception cref="WorkflowException">The version is a draft (code <c>draft</c>), or the first step failed; nothing is written.</exception>
    public Task<Guid> StartVersionAsync(Guid definitionId, IReadOnlyDictionary<string, object?>? variables = null,
        string? businessKey = null, string? actor = null, CancellationToken ct = default) =>
        StepAsync(actor, async session =>
        {
            var definition = await definitions.GetAsync(session.Db, definitionId, ct);
            if (definition.State == DefinitionState.Draft && !options.Value.AllowDraftInstances)
                throw new WorkflowException("draft", $"Definition '{definition.Key}' version {definition.Version} is a draft; publish it first.");
            return await StartInSessionAsync(session, definition, Values.ToObject(variables), businessKey, definition.Model.StartEventId, ct);
        }, ct);

    /// <summary>
    /// Completes a task with the values a person gave. A step that fails after the values were accepted (a gateway
    /// with no way out, say) is refused with a <see cref="StepFailedException"/> naming the element, the task stays
    /// open, and an incident is recorded on the element so the instance page shows it; it is resolved when the task
    /// is completed.
    /// </summary>
    public async Task CompleteTaskAsync(Guid taskId, IReadOnlyDictionary<string, object?>? values = null, string? actor = null,
        CancellationToken ct = default)
    {
        try
        {
            await CompleteTaskStepAsync(taskId, values, actor, ct);
        }
        catch (StepFailedException e)
        {
            Guid? instanceId;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
                instanceId = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => (Guid?)t.InstanceId).FirstOrDefaultAsync(ct);
            if (instanceId is { } id) await RecordIncidentAsync(id, e.ElementId, taskId, e, ct);
            throw;
        }
    }

    /// <summary>The task a person acts on, read in the step.</summary>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowConflictException">It is no longer open (completed, cancelled, ended on an error).</exception>
    private static async Task<HumanTaskRecord> OpenTaskAsync(StepSession session, Guid taskId, CancellationToken ct)
    {
        var task = await StepQueries.For(session.Db).Task(session.Db, taskId, ct)
            ?? throw new WorkflowNotFoundException(MissingSubject.Task, taskId.ToString(), $"Task {taskId} does not exist.");
        if (task.Status != HumanTaskStatus.Open)
            throw new WorkflowConflictException(WorkflowConflict.TaskNotOpen, $"Task {taskId} is already {task.Status.ToString().ToLowerInvariant()}.");
        return task;
    }

    private Task CompleteTaskStepAsync(Guid taskId, IReadOnlyDictionary<string, object?>? values, string? actor, CancellationToken ct) =>
        StepAsync(actor, async session =>
        {
            var task = await OpenTaskAsync(session, taskId, ct);
            var execution = await session.LoadAsync(task.InstanceId, ct);
            var clean = TaskFormValidator.Validate(TaskFormValidator.ReadFields(task.Fields), Values.ToObject(values),
                new DateBounds(execution.VariablesOfTask(task.Id), session.Now, options.Value.Zone));
            await execution.CompleteTaskAsync(task, clean, ct);
            await ResolveIncidentsAsync(session.Db, taskId, session.Now, ct);
            return true;
        }, ct);

    /// <summary>
    /// Ends the open user task <paramref name="taskId"/> on the BPMN error <paramref name="errorCode"/> instead of completing it
    /// (a person declares the case cannot go on this way): the task's boundary error event with that code, else a catch-all,
    /// else an enclosing error event sub-process or boundary catches it and the task is cancelled. An error nothing catches
    /// is refused with a <see cref="StepFailedException"/> naming the task, and the task stays open.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowConflictException">The task is no longer open.</exception>
    public Task ThrowTaskErrorAsync(Guid taskId, string errorCode, string? actor = null, CancellationToken ct = default) =>
        TaskThrowStepAsync(taskId, actor, (execution, task) => execution.ThrowTaskErrorAsync(task, errorCode, ct), ct);

    /// <summary>
    /// Raises the escalation <paramref name="escalationCode"/> from the open user task <paramref name="taskId"/>: its boundary
    /// escalation event with that code (else a catch-all), else an enclosing scope's, takes it; an interrupting one cancels the
    /// task, a non-interrupting one leaves it open. One nothing catches changes nothing but the history.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowConflictException">The task is no longer open.</exception>
    public Task ThrowTaskEscalationAsync(Guid taskId, string escalationCode, string? actor = null, CancellationToken ct = default) =>
        TaskThrowStepAsync(taskId, actor, (execution, task) => execution.ThrowTaskEscalationAsync(task, escalationCode, ct), ct);

    private Task TaskThrowStepAsync(Guid taskId, string? actor, Func<InstanceExecution, HumanTaskRecord, Task> thrower, CancellationToken ct) =>
        StepAsync(actor, async session =>
        {
            var task = await OpenTaskAsync(session, taskId, ct);
            var execution = await session.LoadAsync(task.InstanceId, ct);
            await thrower(execution, task);
            return true;
        }, ct);

    /// <summary>
    /// The dates each bounded date field of an open task accepts now (see <see cref="DateWindow"/>), keyed by field name: what the form
    /// shows and pre-fills, resolved by the same <see cref="DateBounds"/> the completion checks.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    public async Task<IReadOnlyDictionary<string, DateWindow>> DateWindowsAsync(Guid taskId, CancellationToken ct = default)
    {
        var (task, bounds) = await DateBoundsAsync(taskId, ct);
        return TaskFormValidator.ReadFields(task.Fields).Where(f => f.Type == Model.FormFieldType.Date && (f.Min ?? f.Max) is not null)
            .ToDictionary(f => f.Name, bounds.WindowOf);
    }

    /// <summary>
    /// An open task and the bounds of its date fields resolved against its instance now (see <see cref="DateBounds"/>): what the
    /// completion checks, for a form, or a dry run, to offer only dates it accepts.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    public async Task<(HumanTaskRecord Task, DateBounds Bounds)> DateBoundsAsync(Guid taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct)
            ?? throw new WorkflowNotFoundException(MissingSubject.Task, taskId.ToString(), $"Task {taskId} does not exist.");
        // The instance as a step would load it (nothing is saved): within a loop, the task's bounds read its instance's item.
        await using var scope = scopes.CreateAsyncScope();
        var session = new StepSession(db, clock.GetUtcNow(), null, options.Value, catalog, definitions, scope.ServiceProvider);
        JsonObject variables;
        try
        {
            variables = (await session.LoadAsync(task.InstanceId, ct)).VariablesOfTask(task.Id);
        }
        catch (WorkflowNotFoundException)
        {
            variables = [];
        }
        return (task, new DateBounds(variables, clock.GetUtcNow(), options.Value.Zone));
    }

    /// <summary>
    /// The ways out of the open task <paramref name="taskId"/> its definition draws besides completion: its boundary error and escalation
    /// events that name a code (a catch-all names none a person could choose), in the order of the diagram. Empty for a task that is no
    /// longer open or has none.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    public async Task<IReadOnlyList<TaskExit>> TaskExitsAsync(Guid taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct)
            ?? throw new WorkflowNotFoundException(MissingSubject.Task, taskId.ToString(), $"Task {taskId} does not exist.");
        if (task.Status != HumanTaskStatus.Open) return [];
        var definitionId = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.DefinitionId).FirstAsync(ct);
        var model = (await definitions.GetAsync(db, definitionId, ct)).Model;
        if (!model.Contains(task.ElementId)) return [];
        var exits = new List<TaskExit>();
        foreach (var boundary in model[task.ElementId].BoundaryEventIds.Select(id => model[id]))
            if (boundary is { Trigger: Model.EventTrigger.Error, ErrorCode: { } error })
                exits.Add(new TaskExit(TaskExitKind.Error, error, boundary.Name ?? error, true));
            else if (boundary is { Trigger: Model.EventTrigger.Escalation, EscalationCode: { } escalation })
                exits.Add(new TaskExit(TaskExitKind.Escalation, escalation, boundary.Name ?? escalation, boundary.CancelActivity));
        return exits;
    }

    /// <summary>
    /// Cancels the instance <paramref name="instanceId"/> and everything it waits on (its tasks, timers, message waits, the instances it
    /// called), in one step; its history records <paramref name="actor"/>. The host is told through <c>wf.instance.ended</c>.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowConflictException">It has already ended, or another step changed it at the same moment.</exception>
    public Task CancelInstanceAsync(Guid instanceId, string? actor = null, CancellationToken ct = default) =>
        StepAsync(actor, async session =>
        {
            var execution = await session.LoadAsync(instanceId, ct);
            await execution.CancelAsync(ct);
            return true;
        }, ct);

    private static async Task<Guid> StartInSessionAsync(StepSession session, LoadedDefinition definition, JsonObject variables,
        string? businessKey, string startEventId, CancellationToken ct)
    {
        var execution = session.Create(definition, variables, businessKey, null);
        await execution.StartAsync(startEventId, ct);
        return execution.Record.Id;
    }

    private async Task<T> StepAsync<T>(string? actor, Func<StepSession, Task<T>> body, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        using var span = Diagnostics.WorkflowMetrics.ActivitySource.StartActivity("workflow.step");
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct); // one connection for the whole step, not one per query
            await using var scope = scopes.CreateAsyncScope();
            var session = new StepSession(db, clock.GetUtcNow(), actor, options.Value, catalog, definitions, scope.ServiceProvider);
            T result;
            try
            {
                // Date.now() in an expression is the step's instant, in the engine's zone: a dry run's clock, not the machine's.
                using (Expressions.ExpressionTime.At(session.Now, options.Value.Zone))
                    result = await body(session);
            }
            catch (Expressions.ExpressionException e)
            {
                throw new WorkflowException("expression", e.Message, e);
            }
            catch (Exception e) when (e is not WorkflowException and not OperationCanceledException and not BpmnValidationException)
            {
                // Whatever else fails inside a step is the step's failure, rolled back like any other.
                throw new WorkflowException("step-failed", e.Message, e);
            }
            session.Flush();
            if (!await writer.WriteAsync(db, ct))
            {
                if (attempt < options.Value.ConcurrencyRetries) continue;
                throw new WorkflowConflictException(WorkflowConflict.ConcurrentChange, "Another operation changed this instance at the same time; nothing was written.");
            }
            metrics.StepCommitted(clock.GetElapsedTime(started));
            await AfterCommitAsync(session.Effects, ct);
            return result;
        }
    }

    private async Task AfterCommitAsync(StepEffects effects, CancellationToken ct)
    {
        try
        {
            var cancelled = effects.TimersToCancel.Select(t => t.BookmarkId).ToHashSet();
            var scheduled = effects.TimersToSchedule.Where(t => !cancelled.Contains(t.BookmarkId)).ToList();
            if (scheduled.Count > 0) await timers.ScheduleAsync(scheduled, ct);
            if (effects.TimersToCancel.Count > 0) await timers.CancelAsync(effects.TimersToCancel, ct);
            if (effects.WroteOutbox) outbox.Signal();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The step is committed; the reconciler restores any timer Quartz missed.
            LogAfterCommitFailed(logger, e);
        }
        foreach (var thrown in effects.ThrownInOrder)
        {
            if (thrown is PendingMessageRecord message && effects.MessagesThrown.Contains(message)) // not taken in the step itself
                await DeliverStoredMessageAsync(message.Id, ct, effects.MessageThrowers.TryGetValue(message.Id, out var thrower) ? thrower : null);
            else if (thrown is ThrownSignal signal)
                await BroadcastSignalAsync(signal.Name, signal.HeardInStep, effects.BookmarksArmed.Skip(signal.ArmedBefore).Select(b => b.Id).ToHashSet(), ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post-commit work failed; the reconciler will repair it")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception e);
}
