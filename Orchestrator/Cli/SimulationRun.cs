using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Orchestrator.Activities;
using Orchestrator.Cli.Scenarios;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Runtime;

namespace Orchestrator.Cli;

/// <summary>Drives one simulated instance (and what it calls) step by step until it ends, gets stuck or hits the cap.</summary>
/// <remarks>
/// Under timers-first, people act only once no timer is due before the horizon: a definition with a
/// yearly review would otherwise let the clock run for ever and never let anyone decide the exit.
/// With a scenario, things happen in the order of their time: each answer, message and handoff answer on its day, each
/// timer when due (a timer due at the same instant as an answer fires first: the deadline was reached), and the tasks the
/// scenario does not name are answered at once. Alerts (FlagRisk) are listed in the summary with their day.
/// </remarks>
internal sealed partial class SimulationRun(EngineHost host, SimulationClock clock, SimulatePolicy policy, int maxSteps, TextWriter stdout,
    IReadOnlyDictionary<string, object?> variables, TimeSpan horizon, Scenario? scenario = null)
{
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb[host.Get<IOptions<WorkflowOptions>>().Value.TimeZone];
    private readonly DateTimeOffset _start = clock.GetUtcNow();
    private ScenarioPlayer? _player;
    private long _lastOutboxId;
    private int _handoffsAnswered;
    private readonly List<SimulatedAlert> _alerts = new();
    private long _lastHistoryId;
    private int _steps;
    private int _tasksCompleted;
    private int _timersFired;
    /// <summary>Steps a simulated person started that the engine refused (e.g. a gateway without a way out after a task).</summary>
    private readonly List<string> _refusedSteps = new();
    private readonly HashSet<Guid> _refusedTasks = new();

    public async Task<int> ExecuteAsync(string key, TextWriter stderr)
    {
        var engine = host.Get<WorkflowEngine>();
        var started = _start;
        if (scenario is not null)
        {
            _player = new ScenarioPlayer(scenario, started, _zone);
            var unknown = await UnknownAnswersAsync(scenario);
            if (unknown.Count > 0)
            {
                await stderr.WriteLineAsync($"simulate: scenario '{scenario.Name}' answers what the definition (and what it calls) does not have: {string.Join("; ", unknown)}");
                return 2;
            }
            if (DaysBeyondCalendar(scenario).FirstOrDefault(-1) is var late and >= 0)
            {
                await stderr.WriteLineAsync($"simulate: scenario '{scenario.Name}': day {late} from the start {started:yyyy-MM-dd} falls after 31 December 9999");
                return 2;
            }
        }
        var startVariables = scenario is null ? variables : variables.Concat(scenario.Variables).GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        Guid root;
        try
        {
            // A process that starts on a timer is not started by hand: its first instance is the one its start timer starts,
            // at its first occurrence (an instance at --start would be one the definition never starts).
            if (await StartsOnTimerAsync(key))
            {
                if (startVariables.Count > 0)
                {
                    // Silently dropped, they would send the run down a path no real start takes.
                    await stderr.WriteLineAsync($"simulate: the process starts on a timer, whose instances start with its parameters only: " +
                        $"the start variables given ({string.Join(", ", startVariables.Keys)}) cannot reach them.");
                    return 2;
                }
                if (await FirstTimerStartedInstanceAsync() is not { } first)
                {
                    // An occurrence came and its instance failed its first step: that is what is said, not that none came.
                    if (await IncidentsAsync() is { Count: > 0 } failures)
                    {
                        await stderr.WriteLineAsync("simulate: the timer start event's occurrence could not start an instance: " + string.Join("; ", failures));
                        await PrintSummaryAsync("failed", started);
                        return 1;
                    }
                    await stderr.WriteLineAsync("simulate: the timer start event has no occurrence ahead of the run's start: no instance starts.");
                    await PrintSummaryAsync("stuck", started);
                    return 1;
                }
                root = first;
            }
            else root = await engine.StartAsync(key, startVariables, businessKey: "simulation", actor: "simulation");
        }
        catch (WorkflowException e)
        {
            await stderr.WriteLineAsync("simulate: the instance could not start: " + e.Message);
            _refusedSteps.Add(e.Message);
            await PrintSummaryAsync("failed", started);
            return 1;
        }
        _root = root;
        _steps = 1;
        await PrintNewHistoryAsync();
        string outcome;
        while (true)
        {
            var status = await StatusAsync(root);
            if (status != InstanceStatus.Running) { outcome = status.ToString().ToLowerInvariant(); break; }
            if (_steps >= maxSteps) { outcome = "step-limit"; await stderr.WriteLineAsync($"simulate: stopped after {maxSteps} steps; the definition may loop forever (raise --max-steps if it should not)."); break; }
            var moved = _player is not null ? await PlayScenarioAsync(ScenarioHorizon(started))
                : policy == SimulatePolicy.UsersFirst
                ? await CompleteNextTaskAsync() || await FireNextTimerAsync()
                : await FireNextTimerAsync(started + horizon) || await CompleteNextTaskAsync() || await FireNextTimerAsync();
            if (!moved)
            {
                outcome = "stuck";
                await stderr.WriteLineAsync("simulate: stuck: " + await WaitsAsync());
                break;
            }
            _steps++;
            await PrintNewHistoryAsync();
        }
        if (await PrintSummaryAsync(outcome, started) is > 0 and var others)
            await stderr.WriteLineAsync($"simulate: {others} other instance(s) of this run still running, started by the definition's own start events " +
                "(a timer's later occurrences, a message or a signal); the run follows the first.");
        var incidents = await IncidentsAsync();
        if (_refusedSteps.Count > 0 || incidents.Count > 0 || outcome is not ("completed" or "terminated"))
            foreach (var incident in incidents) await stderr.WriteLineAsync("simulate: incident: " + incident);
        foreach (var (day, name, correlationKey) in _messagesNotAwaited)
            await stderr.WriteLineAsync($"simulate: the scenario's message '{name}'{(correlationKey is null ? "" : $" with key '{correlationKey}'")} of day {day} reached no catch: " +
                "nothing waited for it then, and it is not kept (the app refuses a message nothing waits for)");
        foreach (var (day, handoffId) in _answersToWithdrawn)
            await stderr.WriteLineAsync($"simulate: the scenario's handoff answer of day {day} found proposal {handoffId} closed: the step that waited for it was cancelled, so no structure can take the person through it");
        foreach (var unsent in _player?.MessagesLeft ?? [])
            await stderr.WriteLineAsync($"simulate: the scenario's message '{unsent.Name}' of day {unsent.Day} was not sent: the run ended before its day");
        // An instance that ended with an incident still open (a deadline's path failed, then its activity ended and withdrew it)
        // did not run as drawn: the failure is reported, not hidden behind a completed run.
        return outcome is "completed" or "terminated" && incidents.Count == 0 ? 0 : 1;
    }

    /// <summary>Prints the run's summary line; returns how many other instances of the run still run (its <c>othersRunning</c>).</summary>
    private async Task<int> PrintSummaryAsync(string outcome, DateTimeOffset started)
    {
        var incidents = await IncidentsAsync();
        var othersRunning = await OthersRunningAsync();
        var summary = new JsonObject
        {
            ["summary"] = new JsonObject
            {
                ["outcome"] = outcome,
                ["scenario"] = scenario?.Name,
                ["steps"] = _steps,
                ["tasksCompleted"] = _tasksCompleted,
                ["timersFired"] = _timersFired,
                ["handoffsAnswered"] = _handoffsAnswered,
                ["simulatedDays"] = Math.Round((clock.GetUtcNow() - started).TotalDays, 2),
                ["end"] = clock.GetUtcNow().ToString("O"),
                ["incidents"] = new JsonArray(incidents.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
                ["othersRunning"] = othersRunning,
                ["alerts"] = new JsonArray(_alerts.Select(a => (JsonNode?)new JsonObject
                {
                    ["day"] = a.Day, ["riskType"] = a.RiskType, ["severity"] = a.Severity, ["element"] = a.ElementId, ["at"] = a.At.ToString("O"),
                }).ToArray()),
            },
        };
        await stdout.WriteLineAsync(summary.ToJsonString());
        return othersRunning;
    }

    private async Task<bool> CompleteNextTaskAsync()
    {
        var next = (await OpenTasksAsync()).FirstOrDefault();
        if (next is null) return false;
        await CompleteAsync(next, await ValuesForAsync(next));
        return true;
    }

    /// <summary>
    /// The values a simulated user gives <paramref name="task"/> (see <see cref="TaskAutoFill"/>): a date field's bounds read against
    /// its instance now, as the completion will check them.
    /// </summary>
    private async Task<Dictionary<string, object?>> ValuesForAsync(HumanTaskRecord task, IReadOnlyDictionary<string, object?>? answers = null)
    {
        var (_, bounds) = await host.Get<WorkflowEngine>().DateBoundsAsync(task.Id);
        return TaskAutoFill.ValuesFor(task.Fields, clock.GetUtcNow(), variables, answers, bounds);
    }

    /// <summary>Open tasks (except those whose completion was refused) in document order, then by when they opened.</summary>
    private async Task<List<HumanTaskRecord>> OpenTasksAsync()
    {
        await using var db = await Db();
        var open = (await db.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open).ToListAsync())
            .Where(t => !_refusedTasks.Contains(t.Id)).ToList();
        if (open.Count == 0) return open;
        var instances = await db.Instances.AsNoTracking().Where(i => open.Select(t => t.InstanceId).Contains(i.Id)).ToDictionaryAsync(i => i.Id);
        var ordered = new List<(int Order, HumanTaskRecord Task)>();
        foreach (var task in open)
        {
            var model = (await host.Get<DefinitionCache>().GetAsync(db, instances[task.InstanceId].DefinitionId, default)).Model;
            ordered.Add((model.DocumentOrder.ToList().FindIndex(e => e.Id == task.ElementId), task));
        }
        return ordered.OrderBy(o => o.Order).ThenBy(o => o.Task.CreatedAt).ThenBy(o => o.Task.Id).Select(o => o.Task).ToList();
    }

    private async Task CompleteAsync(HumanTaskRecord next, Dictionary<string, object?> values)
    {
        try
        {
            await host.Get<WorkflowEngine>().CompleteTaskAsync(next.Id, values, "simulation");
        }
        catch (WorkflowException e) when (e is not WorkflowConflictException)
        {
            // The engine refused the completion and wrote nothing but an incident: the task stays open, as it would for a person.
            _refusedTasks.Add(next.Id);
            if (e is not StepFailedException) _refusedSteps.Add($"{next.ElementId} (completing the task was refused): {e.Message}");
            return;
        }
        _tasksCompleted++;
    }

    /// <summary>
    /// Fires the earliest healthy timer (and those due with it), the clock jumping to it; false when there is none by
    /// <paramref name="notAfter"/>. A timer whose step fails is a move too: its incident is recorded, it is not tried again (it
    /// waits for « Relancer »), and the run goes on with the next one, as the engine's scheduler does.
    /// </summary>
    private async Task<bool> FireNextTimerAsync(DateTimeOffset? notAfter = null)
    {
        var engine = host.Get<WorkflowEngine>();
        var due = await NextHealthyTimerDueAsync();
        if (due is null || due > notAfter) return false;
        clock.JumpTo(due.Value);
        var failedBefore = await FailedTimersAsync();
        // Each timer is a step: a loop through a timer always due (PT0S, a date in the past) meets --max-steps as any loop does.
        var fired = await engine.FireDueTimersAsync(limit: Math.Max(1, maxSteps - _steps));
        _timersFired += fired;
        _steps += Math.Max(0, fired - 1);
        return fired > 0 || await FailedTimersAsync() > failedBefore;
    }

    private async Task<int> FailedTimersAsync()
    {
        await using var db = await Db();
        return await db.Incidents.CountAsync(i => i.ResolvedAt == null && i.BookmarkId != null);
    }

    /// <summary>
    /// How far a scenario's timers may fire: up to its last named day, whatever <c>--horizon</c> says (a deadline before a later answer
    /// fires first, a review due in three years opens the task the scenario answers then), and beyond it within the horizon.
    /// </summary>
    private DateTimeOffset ScenarioHorizon(DateTimeOffset started)
    {
        var days = scenario!.Tasks.Values.SelectMany(a => a.Select(x => x.Day)).Concat(scenario.Messages.Select(m => m.Day)).Concat(scenario.Handoffs.Select(h => h.Day));
        var last = days.DefaultIfEmpty(0).Max();
        var lastDay = _player!.At(last);
        return lastDay > started + horizon ? lastDay : started + horizon;
    }

    /// <summary>The earliest timer whose step has not failed: a timer with an open incident waits for "Relancer", not for the clock.</summary>
    private async Task<DateTimeOffset?> NextHealthyTimerDueAsync()
    {
        await using var db = await Db();
        var failed = db.Incidents.Where(i => i.ResolvedAt == null && i.BookmarkId != null).Select(i => i.BookmarkId!.Value);
        return await db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.Timer && !failed.Contains(b.Id))
            .OrderBy(b => b.DueAt).Select(b => b.DueAt).FirstOrDefaultAsync();
    }

    private async Task PrintNewHistoryAsync()
    {
        await using var db = await Db();
        var rows = await db.History.AsNoTracking().Where(h => h.Id > _lastHistoryId).OrderBy(h => h.Id).ToListAsync();
        foreach (var row in rows)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new
            {
                time = row.At.ToString("O"),
                @event = row.Event.ToString().ToLowerInvariant(),
                id = row.ElementId,
                type = row.ElementType,
            }));
            _lastHistoryId = row.Id;
        }
        await CollectAlertsAsync(db);
    }

    /// <summary>Alerts the run raised since the last look: FlagRisk's events, still in the outbox (a dry run hands them to no one).</summary>
    private async Task CollectAlertsAsync(WorkflowDbContext db)
    {
        var events = await db.Outbox.AsNoTracking().Where(o => o.Id > _lastOutboxId).OrderBy(o => o.Id).ToListAsync();
        foreach (var record in events)
        {
            _lastOutboxId = record.Id;
            if (record.Type == ActivityEvents.HandoffProposed) _proposals.Enqueue((record.CreatedAt, JsonNode.Parse(record.Payload)?["handoffId"]?.GetValue<string>() ?? ""));
            if (record.Type != ActivityEvents.RiskFlagged) continue;
            var payload = JsonNode.Parse(record.Payload)!;
            _alerts.Add(new SimulatedAlert(ScenarioPlayer.DayOf(record.CreatedAt, Instant.FromDateTimeOffset(_start).InZone(_zone).LocalDateTime, _zone),
                payload["riskType"]?.GetValue<string>() ?? "", payload["severity"]?.GetValue<string>() ?? "",
                payload["elementId"]?.GetValue<string>() ?? "", record.CreatedAt));
        }
    }

    private Guid? _root;

    /// <summary>Top-level instances other than the one the run follows that are still running (none before it starts).</summary>
    private async Task<int> OthersRunningAsync()
    {
        if (_root is not { } root) return 0;
        await using var db = await Db();
        return await db.Instances.AsNoTracking().CountAsync(i => i.ParentInstanceId == null && i.Id != root && i.Status == InstanceStatus.Running);
    }

    private async Task<bool> StartsOnTimerAsync(string key)
    {
        await using var db = await Db();
        var model = (await host.Get<DefinitionCache>().GetLatestPublishedAsync(db, key, default)).Model;
        return model[model.StartEventId].Timer is not null;
    }

    /// <summary>Fires the start timer's first occurrence (jumping the clock to it) and returns the instance it started.</summary>
    private async Task<Guid?> FirstTimerStartedInstanceAsync()
    {
        while (await FireNextTimerAsync())
        {
            await using var db = await Db();
            if (await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == null).OrderBy(i => i.CreatedAt).Select(i => (Guid?)i.Id).FirstOrDefaultAsync() is { } id)
                return id;
        }
        return null;
    }

    private async Task<InstanceStatus> StatusAsync(Guid id)
    {
        await using var db = await Db();
        return await db.Instances.AsNoTracking().Where(i => i.Id == id).Select(i => i.Status).SingleAsync();
    }

    private async Task<List<string>> IncidentsAsync()
    {
        await using var db = await Db();
        var recorded = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null).OrderBy(i => i.CreatedAt)
            .Select(i => i.Message).ToListAsync();
        return _refusedSteps.Concat(recorded).ToList();
    }

    /// <summary>What the instances wait for when nothing the simulation does can move them: messages, refused tasks, failed timers.</summary>
    private async Task<string> WaitsAsync()
    {
        await using var db = await Db();
        var failed = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null && i.BookmarkId != null).Select(i => i.BookmarkId!.Value).ToListAsync();
        var refused = _refusedTasks.Concat(failed).ToHashSet();
        var kept = await db.PendingMessages.AsNoTracking().Select(m => new { m.Name, m.CorrelationKey }).ToListAsync();
        // A message of the awaited name kept under another key is the likelier slip than a message never sent.
        string Unsent(BookmarkRecord b) => kept.FirstOrDefault(m => m.Name == b.MessageName && m.CorrelationKey != b.CorrelationKey) is { } other
            ? $"message '{b.MessageName}' with key '{b.CorrelationKey}' at {b.ElementId} (one of that name is kept with key '{other.CorrelationKey}')"
            : $"message '{b.MessageName}'{(b.CorrelationKey is null ? "" : $" with key '{b.CorrelationKey}'")} at {b.ElementId} (nothing in the run sends it)";
        var waits = (await db.Bookmarks.AsNoTracking().Where(b => b.DefinitionId == null && b.MessageName != WellKnownMessages.CallActivityEscalated)
                .OrderBy(b => b.CreatedAt).ToListAsync())
            .Select(b => b.Kind switch
            {
                // The engine's own subscriptions, in the model's words: a call waits for its process, a catch for its signal.
                BookmarkKind.Message when b.MessageName == WellKnownMessages.CallActivityCompleted =>
                    $"the process called at {b.ElementId} to end{(failed.Contains(b.Id) ? ", whose return failed" : "")}",
                BookmarkKind.Message when b.MessageName!.StartsWith(WellKnownMessages.SignalPrefix, StringComparison.Ordinal) =>
                    $"signal '{b.MessageName[WellKnownMessages.SignalPrefix.Length..]}' at {b.ElementId}{(failed.Contains(b.Id) ? ", whose step failed" : " (nothing in the run throws it)")}",
                BookmarkKind.Message when b.MessageName!.StartsWith(WellKnownMessages.ConditionPrefix, StringComparison.Ordinal) =>
                    $"the condition of {b.ElementId} to hold",
                BookmarkKind.Message when failed.Contains(b.Id) => $"message '{b.MessageName}' at {b.ElementId}, whose delivery failed",
                BookmarkKind.Message => Unsent(b),
                BookmarkKind.Timer when failed.Contains(b.Id) => $"timer {b.ElementId}, whose step failed",
                BookmarkKind.UserTask when refused.Contains(b.Id) => $"task {b.ElementId}, whose answers were refused",
                BookmarkKind.UserTask => $"task {b.ElementId}, which the scenario does not answer (again)",
                BookmarkKind.Timer => $"timer {b.ElementId}, due {b.DueAt:yyyy-MM-dd HH:mm} UTC (beyond --horizon)",
                _ => $"{b.Kind} at {b.ElementId}",
            })
            .Distinct().ToList();
        return waits.Count == 0 ? "nothing left to do, and the instance did not end" : "waiting for " + string.Join("; ", waits);
    }

    private Task<WorkflowDbContext> Db() => host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
}
