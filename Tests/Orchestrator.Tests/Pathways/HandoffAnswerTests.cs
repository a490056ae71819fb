using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Handoffs;
using Orchestrator.Application.Outbox;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Outbox;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Tests.Pathways;

/// <summary>A handoff answer is one durable unit: the answer, its message to the sending pathway and the receiving episode.</summary>
public sealed class HandoffAnswerTests
{
    /// <summary>An LHSS person at exit, proposed to the ACT.</summary>
    private static async Task<(PathwayHarness H, Guid Episode, Handoff Handoff)> ProposedToActAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.CompleteAsync(episode, "exitDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["exitType"] = "planned" });
        await h.CompleteAsync(episode, "exitOrientation", h.Staff(DeviceType.Lhss, StaffRole.SocialWorker), new() { ["destination"] = "ACT" });
        return (h, episode, Assert.Single(await h.HandoffsAsync(episode)));
    }

    [Fact]
    public async Task A_host_killed_after_the_message_step_leaves_the_receiving_episode_to_the_restart_which_opens_it_exactly_once()
    {
        var (h, episode, handoff) = await ProposedToActAsync();
        await using var _ = h;
        h.Services.GetRequiredService<DomainOutboxDispatcher>().AfterWorkBeforeCompletion = _ => throw new SimulatedCrashException();

        await Assert.ThrowsAsync<SimulatedCrashException>(() => h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), h.Staff(DeviceType.Act, StaffRole.Director)));
        var person = (await h.EpisodeAsync(episode)).PersonId;
        Assert.DoesNotContain(await h.EpisodesOfPersonAsync(person), e => e.DeviceType == DeviceType.Act); // half handed over, for now

        await h.RestartAsync();
        h.Clock.Advance(DomainOutboxDispatcher.ClaimLease + TimeSpan.FromSeconds(1)); // the dead node's claim lapses
        await h.Services.GetRequiredService<DomainOutboxDispatcher>().ProcessDueAsync(); // what the outbox service does at start-up
        await h.DrainAsync();

        Assert.Single(await h.EpisodesOfPersonAsync(person), e => e.DeviceType == DeviceType.Act && e.Status == EpisodeStatus.Active);
        Assert.Single(await h.MilestonesAsync(episode), m => m == "handoff-accepted");
        await AssertNothingLeftAsync(h);
    }

    [Fact]
    public async Task On_sqlite_the_restarted_host_takes_up_at_once_what_its_killed_run_had_claimed_without_waiting_for_the_lease()
    {
        var (h, episode, handoff) = await ProposedToActAsync();
        await using var _ = h;
        h.Services.GetRequiredService<DomainOutboxDispatcher>().AfterWorkBeforeCompletion = _ => throw new SimulatedCrashException();
        await Assert.ThrowsAsync<SimulatedCrashException>(() => h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), h.Staff(DeviceType.Act, StaffRole.Director)));
        var person = (await h.EpisodeAsync(episode)).PersonId;

        await h.RestartAsync();
        var dispatcher = h.Services.GetRequiredService<DomainOutboxDispatcher>();
        Assert.Equal(1, await dispatcher.ReleaseClaimsOfEarlierRunAsync()); // the SQLite file has one host: the claim was its own
        await dispatcher.ProcessDueAsync(); // the same instant: no lease had to lapse
        await h.DrainAsync();

        Assert.Single(await h.EpisodesOfPersonAsync(person), e => e.DeviceType == DeviceType.Act && e.Status == EpisodeStatus.Active);
        await AssertNothingLeftAsync(h);
    }

    [Fact]
    public async Task The_outbox_says_its_next_work_falls_due_when_a_dead_nodes_claim_lapses_so_its_loop_wakes_then()
    {
        var (h, _, handoff) = await ProposedToActAsync();
        await using var _ = h;
        var dispatcher = h.Services.GetRequiredService<DomainOutboxDispatcher>();
        Assert.Null(await dispatcher.NextDueAsync()); // nothing owed
        dispatcher.AfterWorkBeforeCompletion = _ => throw new SimulatedCrashException();
        var claimedAt = h.Clock.GetUtcNow();
        await Assert.ThrowsAsync<SimulatedCrashException>(() => h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), h.Staff(DeviceType.Act, StaffRole.Director)));
        Assert.Equal(claimedAt, await dispatcher.NextDueAsync()); // the receiving episode's entry is owed now
        await Assert.ThrowsAsync<SimulatedCrashException>(() => dispatcher.ProcessDueAsync()); // claimed too, by a node that dies

        // A node sharing the database (no release at start): the work is due again the instant the claims lapse.
        Assert.Equal(claimedAt + DomainOutboxDispatcher.ClaimLease, await dispatcher.NextDueAsync());
    }

    [Fact]
    public async Task Work_that_lost_a_race_is_run_again_at_once_rather_than_a_minute_later()
    {
        var (h, episode, handoff) = await ProposedToActAsync();
        await using var _ = h;
        var raced = 0;
        h.Services.GetRequiredService<DomainOutboxDispatcher>().AfterWorkBeforeCompletion = _ =>
            raced++ == 0 ? throw new Application.Messaging.ConcurrentChangeException("lost", new DbUpdateConcurrencyException()) : Task.CompletedTask;

        await h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), h.Staff(DeviceType.Act, StaffRole.Director));
        await h.DrainAsync();

        var person = (await h.EpisodeAsync(episode)).PersonId;
        Assert.Single(await h.EpisodesOfPersonAsync(person), e => e.DeviceType == DeviceType.Act && e.Status == EpisodeStatus.Active);
        await using var scope = h.Services.CreateAsyncScope();
        Assert.All(await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().DomainOutbox.AsNoTracking().Where(o => o.SubjectId == handoff.Id).ToListAsync(),
            o => Assert.Equal((0, true), (o.Attempts, o.CompletedAt is not null)));
    }

    [Fact]
    public async Task Answering_again_what_was_already_answered_returns_the_same_result_and_completes_what_was_left()
    {
        var (h, episode, handoff) = await ProposedToActAsync();
        await using var _ = h;
        var dispatcher = h.Services.GetRequiredService<DomainOutboxDispatcher>();
        dispatcher.AfterWorkBeforeCompletion = _ => throw new SimulatedCrashException();
        var director = h.Staff(DeviceType.Act, StaffRole.Director);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), director));
        dispatcher.AfterWorkBeforeCompletion = null;

        h.Clock.Advance(DomainOutboxDispatcher.ClaimLease + TimeSpan.FromSeconds(1));
        await h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), director); // the same answer: no dead end
        await h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), director);

        var person = (await h.EpisodeAsync(episode)).PersonId;
        Assert.Single(await h.EpisodesOfPersonAsync(person), e => e.DeviceType == DeviceType.Act);
        Assert.Single(await h.MilestonesAsync(episode), m => m == "handoff-accepted");
        await Assert.ThrowsAsync<Domain.DomainException>(() => h.SendAsync(new AnswerHandoffCommand(handoff.Id, false, "Finalement non"), director));
        await AssertNothingLeftAsync(h);
    }

    [Fact]
    public async Task A_receiving_episode_that_cannot_open_is_retried_then_raises_an_alert_naming_the_person_and_both_structures()
    {
        var (h, episode, handoff) = await ProposedToActAsync();
        await using var _ = h;
        await using (var db = await h.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            await db.Definitions.Where(d => d.Key == "act").ExecuteUpdateAsync(u => u.SetProperty(d => d.State, DefinitionState.Retired));

        await h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), h.Staff(DeviceType.Act, StaffRole.Director));
        var dispatcher = h.Services.GetRequiredService<DomainOutboxDispatcher>();
        foreach (var delay in DomainOutboxDispatcher.RetryDelays)
        {
            Assert.DoesNotContain(await h.AlertsAsync(episode), a => a.Type == "handoff-incomplete");
            h.Clock.Advance(delay);
            await dispatcher.ProcessDueAsync();
        }

        var alert = Assert.Single(await h.AlertsAsync(episode), a => a.Type == "handoff-incomplete");
        Assert.Equal("high", alert.Severity);
        await using var scope = h.Services.CreateAsyncScope();
        var domain = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var pseudonym = await domain.People.Where(p => p.Id == alert.PersonId).Select(p => p.Pseudonym).SingleAsync();
        Assert.Contains(pseudonym, alert.Message);
        Assert.Contains(h.Structures[DeviceType.Lhss].Name, alert.Message);
        Assert.Contains(h.Structures[DeviceType.Act].Name, alert.Message);
        Assert.Contains("handoff-accepted", await h.MilestonesAsync(episode)); // the sending pathway did get its answer
    }

    private static async Task AssertNothingLeftAsync(PathwayHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var domain = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        Assert.Empty(await domain.DomainOutbox.Where(o => o.CompletedAt == null).Select(o => o.Kind).ToListAsync());
        await using var engine = await h.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Empty(await engine.PendingMessages.Select(m => m.Name).ToListAsync()); // no answer left lying for ever
    }
}
