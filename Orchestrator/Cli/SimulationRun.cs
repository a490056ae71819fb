using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Cli;

/// <summary>Drives one simulated instance (and what it calls) step by step until it ends, gets stuck or hits the cap.</summary>
/// <remarks>
/// Under timers-first, people act only once no timer is due before the horizon: a definition with a
/// yearly review would otherwise let the clock run for ever and never let anyone decide the exit.
/// </remarks>
internal sealed class SimulationRun(EngineHost host, SimulationClock clock, SimulatePolicy policy, int maxSteps, TextWriter stdout,
    IReadOnlyDictionary<string, object?> variables, TimeSpan horizon)
{
    private long _lastHistoryId;
    private int _steps;
    private int _tasksCompleted;
    private int _timersFired;

    public async Task<int> ExecuteAsync(string key, TextWriter stderr)
    {
        var engine = host.Get<WorkflowEngine>();
        var started = clock.GetUtcNow();
        Guid root;
        try
        {
            root = await engine.StartAsync(key, variables, businessKey: "simulation", actor: "simulation");
        }
        catch (WorkflowException e)
        {
            await stderr.WriteLineAsync("simulate: the instance could not start: " + e.Message);
            return 1;
        }
        _steps = 1;
        await PrintNewHistoryAsync();
        string outcome;
        while (true)
        {
            var status = await StatusAsync(root);
            if (status != InstanceStatus.Running) { outcome = status.ToString().ToLowerInvariant(); break; }
            if (_steps >= maxSteps) { outcome = "step-limit"; await stderr.WriteLineAsync($"simulate: stopped after {maxSteps} steps; the definition may loop forever (raise --max-steps if it should not)."); break; }
            var moved = policy == SimulatePolicy.UsersFirst
                ? await CompleteNextTaskAsync() || await FireNextTimerAsync()
                : await FireNextTimerAsync(started + horizon) || await CompleteNextTaskAsync() || await FireNextTimerAsync();
            if (!moved) { outcome = "stuck"; break; }
            _steps++;
            await PrintNewHistoryAsync();
        }
        var incidents = await IncidentsAsync();
        var summary = new JsonObject
        {
            ["summary"] = new JsonObject
            {
                ["outcome"] = outcome,
                ["steps"] = _steps,
                ["tasksCompleted"] = _tasksCompleted,
                ["timersFired"] = _timersFired,
                ["simulatedDays"] = Math.Round((clock.GetUtcNow() - started).TotalDays, 2),
                ["end"] = clock.GetUtcNow().ToString("O"),
                ["incidents"] = new JsonArray(incidents.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
            },
        };
        await stdout.WriteLineAsync(summary.ToJsonString());
        return outcome is "completed" or "terminated" ? 0 : 1;
    }

    private async Task<bool> CompleteNextTaskAsync()
    {
        await using var db = await Db();
        var open = await db.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open).ToListAsync();
        if (open.Count == 0) return false;
        var instances = await db.Instances.AsNoTracking().Where(i => open.Select(t => t.InstanceId).Contains(i.Id)).ToDictionaryAsync(i => i.Id);
        var ordered = new List<(int Order, HumanTaskRecord Task)>();
        foreach (var task in open)
        {
            var model = (await host.Get<DefinitionCache>().GetAsync(db, instances[task.InstanceId].DefinitionId, default)).Model;
            ordered.Add((model.DocumentOrder.ToList().FindIndex(e => e.Id == task.ElementId), task));
        }
        var next = ordered.OrderBy(o => o.Order).ThenBy(o => o.Task.CreatedAt).ThenBy(o => o.Task.Id).First().Task;
        await host.Get<WorkflowEngine>().CompleteTaskAsync(next.Id, TaskAutoFill.ValuesFor(next.Fields, clock.GetUtcNow(), variables), "simulation");
        _tasksCompleted++;
        return true;
    }

    private async Task<bool> FireNextTimerAsync(DateTimeOffset? notAfter = null)
    {
        var engine = host.Get<WorkflowEngine>();
        var due = await engine.NextTimerDueAsync();
        if (due is null || due > notAfter) return false;
        clock.JumpTo(due.Value);
        var fired = await engine.FireDueTimersAsync();
        _timersFired += fired;
        return fired > 0;
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
    }

    private async Task<InstanceStatus> StatusAsync(Guid id)
    {
        await using var db = await Db();
        return await db.Instances.AsNoTracking().Where(i => i.Id == id).Select(i => i.Status).SingleAsync();
    }

    private async Task<List<string>> IncidentsAsync()
    {
        await using var db = await Db();
        return await db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null).Select(i => i.ElementId + ": " + i.Message).ToListAsync();
    }

    private Task<WorkflowDbContext> Db() => host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
}
