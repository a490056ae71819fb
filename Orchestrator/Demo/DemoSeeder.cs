using Bogus;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Episodes;
using Orchestrator.Application.Messaging;
using Orchestrator.Cli;
using Orchestrator.Domain.Structures;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Hosting;

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

    /// <summary>Fills an empty database with the demo region and its simulated history; false, doing nothing, when it already has structures.</summary>
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
            .SelectMany(s => Enumerable.Range(0, peoplePerStructure).Select(_ => new Arrival(_faker.Random.Int(0, daysOfHistory - 1), s)))
            .ToLookup(a => a.Day);
        await new RegionSimulation(provider, clock, _faker, _reporting, logger).RunAsync(arrivals, daysOfHistory, now, structures, ct);
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
        // A small demo can leave that LHSS with nobody staying today: a referral received this morning gives the account someone.
        if (episodes.Count == 0)
            episodes.Add((await SendAsync(provider, new Application.Episodes.RequestAdmissionCommand(referent.StructureId!.Value, null,
                new Application.Episodes.NewPerson("R. D. 0001", 1969, "M", "Dubreuil", "René", null), "PASS du CHU de Lille")
                { Referral = new(Domain.Pathways.ReferrerType.Doctor) }, ct, coordinator)).EpisodeId);
        foreach (var episode in episodes) await SendAsync(provider, new ChangeReferentCommand(episode, referent.Id), ct, coordinator);
    }

    private static async Task<T> SendAsync<T>(IServiceProvider provider, IRequest<T> request, CancellationToken ct, Domain.Staff.StaffMember? actor = null)
    {
        var result = await provider.GetRequiredService<IServiceScopeFactory>().SendAsAsync(actor, request, ct);
        await provider.GetRequiredService<OutboxDispatcher>().DrainAsync(ct);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Structures} structures and {People} people in Nord and Pas-de-Calais")]
    private static partial void LogSeeded(ILogger logger, int structures, int people);
}
