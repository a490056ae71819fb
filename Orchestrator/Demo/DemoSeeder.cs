using Bogus;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Activities;
using Orchestrator.Application.Episodes;
using Orchestrator.Application.Handoffs;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Application.Tasks;
using Orchestrator.Cli;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Structures;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Demo;

/// <summary>
/// Fills an empty embedded database with a realistic year: people are referred on past days and the real
/// pathways run on a simulated clock up to today, so every stage, deadline, alert and handoff in the demo
/// was produced by the definitions themselves, not written by hand.
/// </summary>
public sealed partial class DemoSeeder(WorkflowStorage storage, TimeProvider realClock, ILogger<DemoSeeder> logger,
    int peoplePerStructure = 15, int daysOfHistory = 300)
{
    private readonly Faker _faker = new("fr") { Random = new Randomizer(20261125) };
    // A stream of its own for what the reports need (entry profiles, recourses): the pathways' draws stay as they were.
    private readonly Randomizer _reporting = new(20261130);
    private readonly Dictionary<Guid, DateTimeOffset?> _taskPlans = new();
    private readonly Dictionary<Guid, (DateTimeOffset At, bool? Accept)> _handoffPlans = new();
    private readonly Dictionary<Guid, (DateTimeOffset? AcknowledgeAt, DateTimeOffset? ResolveAt)> _alertPlans = new();

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        var now = realClock.GetUtcNow();
        var clock = new SimulationClock(now.AddDays(-daysOfHistory).Date.AddHours(9));
        await using var provider = new ServiceCollection().AddClockDrivenOrchestrator(storage, clock).BuildServiceProvider();
        List<Structure> structures;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            if (await db.Structures.AnyAsync(ct)) return false;
            structures = await DemoDirectory.CreateAsync(db, _faker);
        }
        var arrivals = structures.Where(s => s.Type.RunsPathways())
            .SelectMany(s => Enumerable.Range(0, peoplePerStructure).Select(_ => (Structure: s, Day: _faker.Random.Int(0, daysOfHistory - 1))))
            .ToLookup(a => a.Day);
        var engine = provider.GetRequiredService<WorkflowEngine>();
        for (var day = 0; day <= daysOfHistory; day++)
        {
            foreach (var (structure, _) in arrivals[day]) await ReferAsync(provider, structure, ct);
            await WorkTasksAsync(provider, clock, ct);
            await AnswerHandoffsAsync(provider, clock, structures, ct);
            await WorkAlertsAsync(provider, clock, ct);
            var endOfDay = clock.GetUtcNow().AddDays(1);
            while (await engine.NextTimerDueAsync(ct) is { } due && due <= endOfDay && due <= now)
            {
                clock.JumpTo(due);
                await engine.FireDueTimersAsync(ct);
                await provider.GetRequiredService<OutboxDispatcher>().DrainAsync(ct);
            }
            clock.JumpTo(endOfDay < now ? endOfDay : now);
        }
        await FollowedByTheDemoReferentAsync(provider, ct);
        await DemoReporting.AddAsync(provider, _reporting, now, ct);
        LogSeeded(logger, structures.Count, arrivals.Sum(a => a.Count()));
        return true;
    }

    /// <summary>
    /// The README's <c>referent</c> account follows the most recent people staying in its LHSS, named by its coordinator as a
    /// team would: signing in as it shows due and overdue tasks, the alerts of those people and calendar entries at once.
    /// </summary>
    private static async Task FollowedByTheDemoReferentAsync(IServiceProvider provider, CancellationToken ct)
    {
        Domain.Staff.StaffMember referent, coordinator;
        List<Guid> episodes;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            referent = await db.Staff.AsNoTracking().FirstAsync(s => s.UserName == "referent", ct);
            coordinator = await db.Staff.AsNoTracking().FirstAsync(s => s.UserName == "coordinateur", ct);
            episodes = await db.Episodes.AsNoTracking()
                .Where(e => e.StructureId == referent.StructureId && e.Status == Domain.Pathways.EpisodeStatus.Active)
                .OrderByDescending(e => e.Stage == Domain.Pathways.EpisodeStage.Stay).ThenByDescending(e => e.RequestedAt).Select(e => e.Id).Take(6).ToListAsync(ct);
        }
        foreach (var episode in episodes) await SendAsync(provider, new ChangeReferentCommand(episode, referent.Id), ct, coordinator);
    }

    private async Task ReferAsync(IServiceProvider provider, Structure structure, CancellationToken ct)
    {
        var sex = _faker.PickRandom("F", "M");
        var first = _faker.Name.FirstName(sex == "F" ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
        var last = _faker.Name.LastName();
        var birth = _faker.Date.BetweenDateOnly(new DateOnly(1950, 1, 1), new DateOnly(2004, 12, 31));
        var person = new NewPerson($"{first[0]}. {last[0]}. {_faker.Random.Int(1000, 9999)}", birth.Year, sex, last, first, birth);
        var (referral, referredBy) = DemoReferrals.Pick(structure.Type, _faker);
        var (pathology, housing) = DemoReporting.EntryProfile(structure.Type, _reporting);
        await SendAsync(provider, new RequestAdmissionCommand(structure.Id, null, person, referredBy, Pathology: pathology, HousingBeforeEntry: housing)
            { Referral = referral }, ct);
    }

    private async Task WorkTasksAsync(IServiceProvider provider, SimulationClock clock, CancellationToken ct)
    {
        List<HumanTaskRecord> open;
        await using (var wf = await provider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(ct))
            open = await wf.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open).ToListAsync(ct);
        var now = clock.GetUtcNow();
        Dictionary<string, Domain.Pathways.Episode> episodes;
        List<Domain.Staff.StaffMember> staff;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var keys = open.Select(t => Guid.TryParse(t.BusinessKey, out var id) ? id : Guid.Empty).ToList();
            episodes = await db.Episodes.AsNoTracking().Where(e => keys.Contains(e.Id)).ToDictionaryAsync(e => e.Id.ToString(), ct);
            staff = await db.Staff.AsNoTracking().Where(s => s.Active && s.StructureId != null).OrderBy(s => s.UserName).ToListAsync(ct);
        }
        foreach (var task in open)
        {
            if (!_taskPlans.TryGetValue(task.Id, out var plannedAt))
                _taskPlans[task.Id] = plannedAt = Plan(task);
            if (plannedAt is null || plannedAt > now) continue;
            // Each task is done by a professional of the episode's structure holding its function, as decision rights require.
            var episode = episodes[task.BusinessKey!];
            var actor = staff.FirstOrDefault(s => s.Id == episode.ReferentId && DecisionRights.Holds(s.Role, task.Role, followsPerson: true))
                ?? staff.FirstOrDefault(s => s.StructureId == episode.StructureId && DecisionRights.Holds(s.Role, task.Role, followsPerson: false));
            if (actor is null)
            {
                LogTaskSkipped(logger, task.ElementId, $"no {task.Role} in the structure");
                _taskPlans[task.Id] = null;
                continue;
            }
            var values = DemoAnswers.For(TaskFormValidator.ReadFields(task.Fields), _faker, now, task.DueAt);
            try
            {
                await SendAsync(provider, new CompleteTaskCommand(task.Id, values), ct, actor);
            }
            catch (WorkflowException e)
            {
                LogTaskSkipped(logger, task.ElementId, e.Message);
                _taskPlans[task.Id] = null;
            }
        }
    }

    /// <summary>Most tasks are done on time, some late, some never: those are the overdue ones the boards show.</summary>
    private DateTimeOffset? Plan(HumanTaskRecord task)
    {
        var roll = _faker.Random.Double();
        if (task.DueAt is { } due)
        {
            var window = Math.Max((due - task.CreatedAt).TotalHours, 1);
            return roll switch
            {
                < 0.75 => task.CreatedAt.AddHours(_faker.Random.Double(0.5, window)),
                < 0.92 => due.AddDays(_faker.Random.Int(1, 20)),
                _ => null,
            };
        }
        return roll < 0.9 ? task.CreatedAt.AddDays(_faker.Random.Int(15, 150)) : null;
    }

    private async Task AnswerHandoffsAsync(IServiceProvider provider, SimulationClock clock, List<Structure> structures, CancellationToken ct)
    {
        List<Handoff> proposed;
        await using (var scope = provider.CreateAsyncScope())
            proposed = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Handoffs.AsNoTracking()
                .Where(h => h.State == HandoffState.Proposed).ToListAsync(ct);
        foreach (var handoff in proposed)
        {
            if (!_handoffPlans.TryGetValue(handoff.Id, out var plan))
                _handoffPlans[handoff.Id] = plan = (handoff.ProposedAt.AddDays(_faker.Random.Int(1, 5)),
                    _faker.Random.WeightedRandom(new bool?[] { true, false, null }, [0.6f, 0.2f, 0.2f]));
            if (plan.Accept is not { } accept || plan.At > clock.GetUtcNow()) continue;
            var receiver = structures.FirstOrDefault(s => s.Type == handoff.TargetDevice);
            if (receiver is null) { _handoffPlans[handoff.Id] = (plan.At, null); continue; }
            await using var scope = provider.CreateAsyncScope();
            var staff = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Staff.AsNoTracking()
                .FirstAsync(s => s.StructureId == receiver.Id && s.Role == Domain.Staff.StaffRole.Director, ct);
            await SendAsync(provider, new AnswerHandoffCommand(handoff.Id, accept, accept ? null : "Pas de place disponible"), ct, staff);
            _handoffPlans[handoff.Id] = (plan.At, null);
        }
    }

    /// <summary>Teams acknowledge most alerts within days and resolve most within weeks; the rest stay on the boards.</summary>
    private async Task WorkAlertsAsync(IServiceProvider provider, SimulationClock clock, CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var now = clock.GetUtcNow();
        // The coordinator takes the alerts up; a structure without one (a CHRS following an accepted person) has its director do it.
        var teams = (await db.Staff.AsNoTracking()
                .Where(s => (s.Role == Domain.Staff.StaffRole.Coordinator || s.Role == Domain.Staff.StaffRole.Director) && s.StructureId != null).ToListAsync(ct))
            .GroupBy(s => s.StructureId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Role == Domain.Staff.StaffRole.Coordinator ? 0 : 1).First().Id);
        var due = await db.Alerts.Where(a => a.State != Domain.Alerts.AlertState.Resolved && a.RaisedAt <= now).ToListAsync(ct);
        foreach (var alert in due)
        {
            if (!_alertPlans.TryGetValue(alert.Id, out var plan))
                _alertPlans[alert.Id] = plan = (
                    _faker.Random.Bool(0.6f) ? alert.RaisedAt.AddDays(_faker.Random.Int(0, 3)) : null,
                    _faker.Random.Bool(0.7f) ? alert.RaisedAt.AddDays(_faker.Random.Int(3, 40)) : null);
            if (alert.State == Domain.Alerts.AlertState.Open && plan.AcknowledgeAt <= now) alert.Acknowledge(teams[alert.StructureId], now);
            if (plan.ResolveAt <= now) alert.Resolve(teams[alert.StructureId], now, "Situation reprise par l'équipe");
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task SendAsync<T>(IServiceProvider provider, IRequest<T> request, CancellationToken ct, Domain.Staff.StaffMember? actor = null)
    {
        await provider.GetRequiredService<IServiceScopeFactory>().SendAsAsync(actor, request, ct);
        await provider.GetRequiredService<OutboxDispatcher>().DrainAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Structures} structures and {People} people in Nord and Pas-de-Calais")]
    private static partial void LogSeeded(ILogger logger, int structures, int people);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo task {ElementId} left open: {Reason}")]
    private static partial void LogTaskSkipped(ILogger logger, string elementId, string reason);
}
