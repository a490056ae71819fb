using Bogus;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Episodes;
using Orchestrator.Application.Handoffs;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Application.Tasks;
using Orchestrator.Cli;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Demo;

/// <summary>A person referred to a structure on a day of the simulation (day 0 is the clock's start).</summary>
internal sealed record Arrival(int Day, Structure Structure);

/// <summary>
/// The life of a region played day by day on a simulated clock through the application layer, as its teams would
/// live it: referrals on their day (<see cref="RequestAdmissionCommand"/>), tasks completed by a professional of the
/// structure holding the task's function (most on time, some late, some never), handoffs answered by the receiving
/// structure's director, overdue tasks raising their alerts as the host's scan does, alerts taken up and resolved by the
/// coordinator, and every timer fired when the clock reaches it.
/// Shared by the demo data and the <c>scale</c> benchmark.
/// </summary>
/// <param name="provider">Services built with <c>AddClockDrivenOrchestrator</c> on <paramref name="clock"/>, definitions deployed.</param>
/// <param name="clock">The simulated clock; <see cref="RunAsync"/> moves it forward.</param>
/// <param name="faker">The random stream of the pathways' draws (plans, answers, people).</param>
/// <param name="reporting">A stream of its own for the entry profiles the reports read.</param>
/// <param name="answers">Answers taken from the shipped scenarios, or null for the demo's weighted answers only.</param>
/// <param name="workers">
/// How many referrals and task answers are sent at once; a person's tasks are always answered one after the other. The
/// random draws are made before, in order, so only the interleaving of commits depends on it.
/// </param>
/// <param name="logger">Where the simulation's progress is logged.</param>
/// <remarks>
/// The workflow events of a day's steps are handed to the domain (<see cref="OutboxDispatcher.DrainAsync"/>) once each kind of
/// work is done rather than after every step, as the host's background dispatcher would batch them under load: the domain
/// takes each event's own time, and nothing a team does reads what the same batch changed.
/// </remarks>
internal sealed partial class RegionSimulation(IServiceProvider provider, SimulationClock clock, Faker faker, Randomizer reporting,
    ILogger logger, ScenarioAnswers? answers = null, int workers = 1)
{
    // Open tasks the team has read, and when it will do them (null: never).
    private readonly Dictionary<Guid, DateTimeOffset?> _taskPlans = new();
    private DateTimeOffset _tasksSeenUntil = DateTimeOffset.MinValue;
    private readonly Dictionary<Guid, (DateTimeOffset At, bool? Accept)> _handoffPlans = new();
    private readonly Dictionary<Guid, (DateTimeOffset? AcknowledgeAt, DateTimeOffset? ResolveAt)> _alertPlans = new();
    private DateTimeOffset _alertsSeenUntil = DateTimeOffset.MinValue;
    // Who works a task or an alert: the directory's staff does not change during a simulation, so it is read once.
    private List<Domain.Staff.StaffMember>? _staff;
    private Dictionary<Guid, Guid>? _alertTeams;

    /// <summary>What the simulation did so far.</summary>
    public RegionCounts Counts { get; } = new();

    /// <summary>
    /// Plays <paramref name="days"/> days from the clock's start: each day the arrivals of that day are referred, the team works
    /// its tasks, handoffs and alerts, and every timer due before the next day fires at its instant. The clock never passes
    /// <paramref name="until"/> (the demo stops at today).
    /// </summary>
    public async Task RunAsync(ILookup<int, Arrival> arrivals, int days, DateTimeOffset until, IReadOnlyList<Structure> structures, CancellationToken ct)
    {
        var engine = provider.GetRequiredService<WorkflowEngine>();
        var scan = provider.GetRequiredService<Application.Tasks.OverdueTaskScan>();
        for (var day = 0; day <= days; day++)
        {
            await Timed(SimulationPhase.Referrals, () => ReferAsync(arrivals[day].Select(a => a.Structure).ToList(), ct));
            await Timed(SimulationPhase.WorkflowEvents, () => DrainAsync(ct));
            await Timed(SimulationPhase.Tasks, () => WorkTasksAsync(ct));
            await Timed(SimulationPhase.WorkflowEvents, () => DrainAsync(ct));
            await Timed(SimulationPhase.Handoffs, () => AnswerHandoffsAsync(structures, ct));
            // The host checks open tasks every quarter of an hour; once a simulated day raises the same « Tâche en retard » alerts.
            await Timed(SimulationPhase.OverdueScan, () => scan.ScanAsync(ct));
            await Timed(SimulationPhase.Alerts, () => WorkAlertsAsync(ct));
            var endOfDay = clock.GetUtcNow().AddDays(1);
            await Timed(SimulationPhase.Timers, async () =>
            {
                while (await engine.NextTimerDueAsync(ct) is { } due && due <= endOfDay && due <= until)
                {
                    clock.JumpTo(due);
                    Counts.TimersFired += await engine.FireDueTimersAsync(ct: ct);
                }
            });
            await Timed(SimulationPhase.WorkflowEvents, () => DrainAsync(ct));
            clock.JumpTo(endOfDay < until ? endOfDay : until);
        }
    }

    private async Task Timed(SimulationPhase phase, Func<Task> work)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        await work();
        Counts.Spent[phase] = Counts.Spent.GetValueOrDefault(phase) + System.Diagnostics.Stopwatch.GetElapsedTime(started);
        Counts.Cpu[phase] = Counts.Cpu.GetValueOrDefault(phase) + (Environment.CpuUsage.TotalTime - cpu);
    }

    private async Task ReferAsync(IReadOnlyList<Structure> structures, CancellationToken ct)
    {
        var referrals = structures.Select(Referral).ToList();
        await Parallel.ForEachAsync(referrals, Workers(ct), async (referral, token) =>
        {
            await provider.GetRequiredService<IServiceScopeFactory>().SendAsAsync(null, referral, token);
            Interlocked.Increment(ref Counts.Referrals);
        });
    }

    private RequestAdmissionCommand Referral(Structure structure)
    {
        var sex = faker.PickRandom("F", "M");
        var first = faker.Name.FirstName(sex == "F" ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
        var last = faker.Name.LastName();
        var birth = faker.Date.BetweenDateOnly(new DateOnly(1950, 1, 1), new DateOnly(2004, 12, 31));
        var person = new NewPerson($"{first[0]}. {last[0]}. {faker.Random.Int(1000, 9999)}", birth.Year, sex, last, first, birth);
        var (referral, referredBy) = DemoReferrals.Pick(structure.Type, faker);
        var (pathology, housing) = DemoReporting.EntryProfile(structure.Type, reporting);
        return new RequestAdmissionCommand(structure.Id, null, person, referredBy, Pathology: pathology, HousingBeforeEntry: housing) { Referral = referral };
    }

    private async Task WorkTasksAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<HumanTaskRecord> due;
        await using (var wf = await provider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(ct))
        {
            // Only the tasks opened since the last read are planned: a team does not re-read years of open work every morning,
            // and a simulation that did would measure its own reading rather than the product.
            var since = _tasksSeenUntil;
            foreach (var task in await wf.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open && t.CreatedAt >= since).ToListAsync(ct))
            {
                if (_taskPlans.ContainsKey(task.Id)) continue;
                _taskPlans[task.Id] = Plan(task);
                if (task.CreatedAt > _tasksSeenUntil) _tasksSeenUntil = task.CreatedAt;
            }
            var dueIds = _taskPlans.Where(p => p.Value <= now).Select(p => p.Key).ToList();
            if (dueIds.Count == 0) return;
            // A planned task the pathway cancelled meanwhile (a boundary timer, an exit) is no longer there to do.
            due = await wf.Tasks.AsNoTracking().Where(t => dueIds.Contains(t.Id) && t.Status == HumanTaskStatus.Open)
                .OrderBy(t => t.CreatedAt).ToListAsync(ct);
            foreach (var id in dueIds) _taskPlans.Remove(id);
        }
        if (due.Count == 0) return;
        Dictionary<string, Domain.Pathways.Episode> episodes;
        List<Domain.Staff.StaffMember> staff;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var keys = due.Select(t => Guid.TryParse(t.BusinessKey, out var id) ? id : Guid.Empty).ToList();
            episodes = await db.Episodes.AsNoTracking().Where(e => keys.Contains(e.Id)).ToDictionaryAsync(e => e.Id.ToString(), ct);
            // The directory's staff does not change during a simulation: read once.
            staff = _staff ??= await db.Staff.AsNoTracking().Where(s => s.Active && s.StructureId != null).OrderBy(s => s.UserName).ToListAsync(ct);
        }
        var work = new List<(HumanTaskRecord Task, Domain.Staff.StaffMember Actor, Dictionary<string, object?> Values)>();
        foreach (var task in due)
        {
            // Each task is done by a professional of the episode's structure holding its function, as decision rights require.
            var episode = episodes[task.BusinessKey!];
            var actor = staff.FirstOrDefault(s => s.Id == episode.ReferentId && DecisionRights.Holds(s.Role, task.Role, followsPerson: true))
                ?? staff.FirstOrDefault(s => s.StructureId == episode.StructureId && DecisionRights.Holds(s.Role, task.Role, followsPerson: false));
            if (actor is null)
            {
                LogTaskSkipped(logger, task.ElementId, $"no {task.Role} in the structure");
                continue;
            }
            var fields = TaskFormValidator.ReadFields(task.Fields);
            var values = DemoAnswers.For(fields, faker, now, task.DueAt);
            answers?.Apply(task.ElementId, fields, values, faker.Random);
            work.Add((task, actor, values));
        }
        // One person's tasks in the order they opened, one after the other (two answers to one instance at once would be a
        // conflict, as for two people clicking together); different people's side by side.
        await Parallel.ForEachAsync(work.GroupBy(w => w.Task.BusinessKey), Workers(ct), async (tasks, token) =>
        {
            foreach (var (task, actor, values) in tasks)
                try
                {
                    await provider.GetRequiredService<IServiceScopeFactory>().SendAsAsync(actor, new CompleteTaskCommand(task.Id, values), token);
                    Interlocked.Increment(ref Counts.TasksCompleted);
                }
                catch (WorkflowException e)
                {
                    LogTaskSkipped(logger, task.ElementId, e.Message);
                    Interlocked.Increment(ref Counts.TasksRefused);
                }
        });
    }

    private ParallelOptions Workers(CancellationToken ct) => new() { MaxDegreeOfParallelism = workers, CancellationToken = ct };

    private async Task DrainAsync(CancellationToken ct) => Counts.WorkflowEvents += await provider.GetRequiredService<OutboxDispatcher>().DrainAsync(ct);

    /// <summary>Most tasks are done on time, some late, some never: those are the overdue ones the boards show.</summary>
    private DateTimeOffset? Plan(HumanTaskRecord task)
    {
        var roll = faker.Random.Double();
        if (task.DueAt is { } due)
        {
            var window = Math.Max((due - task.CreatedAt).TotalHours, 1);
            return roll switch
            {
                < 0.75 => task.CreatedAt.AddHours(faker.Random.Double(0.5, window)),
                < 0.92 => due.AddDays(faker.Random.Int(1, 20)),
                _ => null,
            };
        }
        return roll < 0.9 ? task.CreatedAt.AddDays(faker.Random.Int(15, 150)) : null;
    }

    private async Task AnswerHandoffsAsync(IReadOnlyList<Structure> structures, CancellationToken ct)
    {
        List<Handoff> proposed;
        Dictionary<Guid, Domain.Staff.StaffMember> directors;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            proposed = await db.Handoffs.AsNoTracking().Where(h => h.State == HandoffState.Proposed).ToListAsync(ct);
            if (proposed.Count == 0) return;
            directors = (await db.Staff.AsNoTracking().Where(s => s.Role == Domain.Staff.StaffRole.Director && s.StructureId != null).ToListAsync(ct))
                .GroupBy(s => s.StructureId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(s => s.UserName).First());
        }
        var answered = 0;
        foreach (var handoff in proposed)
        {
            if (!_handoffPlans.TryGetValue(handoff.Id, out var plan))
                _handoffPlans[handoff.Id] = plan = (handoff.ProposedAt.AddDays(faker.Random.Int(1, 5)),
                    faker.Random.WeightedRandom(new bool?[] { true, false, null }, [0.6f, 0.2f, 0.2f]));
            if (plan.Accept is not { } accept || plan.At > clock.GetUtcNow()) continue;
            var receiver = structures.FirstOrDefault(s => s.Type == handoff.TargetDevice);
            if (receiver is null || !directors.TryGetValue(receiver.Id, out var director)) { _handoffPlans[handoff.Id] = (plan.At, null); continue; }
            await provider.GetRequiredService<IServiceScopeFactory>().SendAsAsync(director,
                new AnswerHandoffCommand(handoff.Id, accept, accept ? null : "Pas de place disponible"), ct);
            answered++;
            _handoffPlans[handoff.Id] = (plan.At, null);
        }
        // The answers' own steps (the message to the sending pathway, the receiving episode) ran with each answer; their
        // workflow events are applied together, as the host's background dispatcher batches them.
        if (answered > 0) await DrainAsync(ct);
        Counts.HandoffsAnswered += answered;
    }

    /// <summary>Teams acknowledge most alerts within days and resolve most within weeks; the rest stay on the boards.</summary>
    private async Task WorkAlertsAsync(CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var now = clock.GetUtcNow();
        // Only the alerts raised since the last read are planned, as for tasks.
        var since = _alertsSeenUntil;
        foreach (var alert in await db.Alerts.AsNoTracking().Where(a => a.State != Domain.Alerts.AlertState.Resolved && a.RaisedAt >= since && a.RaisedAt <= now)
            .Select(a => new { a.Id, a.RaisedAt }).ToListAsync(ct))
        {
            if (_alertPlans.ContainsKey(alert.Id)) continue;
            _alertPlans[alert.Id] = (
                faker.Random.Bool(0.6f) ? alert.RaisedAt.AddDays(faker.Random.Int(0, 3)) : null,
                faker.Random.Bool(0.7f) ? alert.RaisedAt.AddDays(faker.Random.Int(3, 40)) : null);
            if (alert.RaisedAt > _alertsSeenUntil) _alertsSeenUntil = alert.RaisedAt;
        }
        var acting = _alertPlans.Where(p => p.Value.AcknowledgeAt <= now || p.Value.ResolveAt <= now).Select(p => p.Key).ToList();
        if (acting.Count == 0) return;
        // The coordinator takes the alerts up; a structure without one (a CHRS following an accepted person) has its director do it.
        var teams = _alertTeams ??= (await db.Staff.AsNoTracking()
                .Where(s => (s.Role == Domain.Staff.StaffRole.Coordinator || s.Role == Domain.Staff.StaffRole.Director) && s.StructureId != null).ToListAsync(ct))
            .GroupBy(s => s.StructureId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Role == Domain.Staff.StaffRole.Coordinator ? 0 : 1).First().Id);
        foreach (var alert in await db.Alerts.Where(a => acting.Contains(a.Id)).ToListAsync(ct))
        {
            var plan = _alertPlans[alert.Id];
            if (alert.State == Domain.Alerts.AlertState.Open && plan.AcknowledgeAt <= now) alert.Acknowledge(teams[alert.StructureId], now);
            if (alert.State != Domain.Alerts.AlertState.Resolved && plan.ResolveAt <= now) alert.Resolve(teams[alert.StructureId], now, "Situation reprise par l'équipe");
        }
        // What is done is forgotten: an acknowledgement is not planned again, and a resolved alert (by the team or by its task) leaves.
        foreach (var id in acting)
            if (_alertPlans[id] is { ResolveAt: { } resolveAt } && resolveAt > now) _alertPlans[id] = (null, resolveAt);
            else _alertPlans.Remove(id);
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated task {ElementId} left open: {Reason}")]
    private static partial void LogTaskSkipped(ILogger logger, string elementId, string reason);
}

/// <summary>What a <see cref="RegionSimulation"/> did: referrals sent, tasks completed or refused, timers fired, handoffs answered.</summary>
internal sealed class RegionCounts
{
    // Fields, not properties: the workers count with Interlocked.
    public int Referrals;
    public int TasksCompleted;
    public int TasksRefused;
    public int TimersFired;
    public int HandoffsAnswered;
    public int WorkflowEvents;

    /// <summary>Steps the simulation drove through the application layer: referrals, task completions, timer firings and handoff answers.</summary>
    public int Steps => Referrals + TasksCompleted + TimersFired + HandoffsAnswered;

    /// <summary>Wall time spent in each phase of the simulated days, to tell the steps' cost from the teams' reading of their work.</summary>
    public Dictionary<SimulationPhase, TimeSpan> Spent { get; } = new();

    /// <summary>
    /// Processor time of the whole process (all threads, user and system) during each phase: unlike <see cref="Spent"/>, it does not
    /// grow when other programs share the cores, so it compares two builds measured on a busy machine.
    /// </summary>
    public Dictionary<SimulationPhase, TimeSpan> Cpu { get; } = new();
}

/// <summary>The phases of a simulated day, in the order <see cref="RegionSimulation.RunAsync"/> plays them.</summary>
internal enum SimulationPhase
{
    /// <summary>People referred: admission requests and their pathways' first steps.</summary>
    Referrals,
    /// <summary>Open tasks read, planned and the due ones completed.</summary>
    Tasks,
    /// <summary>The workflow events of the steps applied to the domain (episodes, alerts, handoffs, follow-ups).</summary>
    WorkflowEvents,
    /// <summary>Proposed handoffs read and answered.</summary>
    Handoffs,
    /// <summary>The overdue-task scan.</summary>
    OverdueScan,
    /// <summary>Unresolved alerts read, acknowledged and resolved.</summary>
    Alerts,
    /// <summary>Timers fired at their instants.</summary>
    Timers,
}
