using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>
/// Racing answers through the HTTP API: every domain transition happens once. The loser gets a 409 in French and nothing of
/// it is written; the winner's effects are whole (the pathway took the branch the record says).
/// </summary>
public static class Races
{
    public static async Task ParallelAcceptAndRefuseHaveOneWinnerAndThePathwayFollowsIt(ApiApp app)
    {
        var (episode, handoff) = await ProposedToActAsync(app);
        var act = await app.SignedInAsync("act-director");
        var actToo = await app.SignedInAsync("act-director");

        var answers = await Task.WhenAll(
            act.PostAsync($"/api/handoffs/{handoff}/accept", null),
            actToo.PostAsJsonAsync($"/api/handoffs/{handoff}/refuse", new { reason = "Plus de place" }));
        await app.DrainAsync();

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.Single(statuses, s => s == HttpStatusCode.NoContent);
        var loser = answers.Single(a => a.StatusCode != HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        Assert.Contains("é", (await loser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()); // in French
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var state = (await db.Handoffs.SingleAsync(h => h.Id == handoff)).State;
        var milestones = await db.Milestones.Where(m => m.EpisodeId == episode).Select(m => m.Code).ToListAsync();
        var alerts = await db.Alerts.Where(a => a.EpisodeId == episode).Select(a => a.Type).ToListAsync();
        if (state == HandoffState.Accepted)
        {
            Assert.Contains("handoff-accepted", milestones);
            Assert.DoesNotContain("handoff-refused", alerts);
        }
        else if (state == HandoffState.Refused)
        {
            Assert.Contains("handoff-refused", alerts);
            Assert.DoesNotContain("handoff-accepted", milestones);
        }
        else
        {
            // Another ACT of the directory may still take the person: this ACT's refusal only took the proposal off its list.
            Assert.Equal(HandoffState.Proposed, state);
            Assert.Single(await db.HandoffRefusals.Where(r => r.HandoffId == handoff && r.StructureId == app.Act.Id).ToListAsync());
            Assert.DoesNotContain("handoff-accepted", milestones);
            Assert.DoesNotContain("handoff-refused", alerts);
        }
    }

    public static async Task TwoStructuresAcceptingAtOnceHaveOneWinnerAndOneEpisode(ApiApp app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            if (!await db.Staff.AnyAsync(s => s.UserName == "act2-director"))
            {
                var other = new Structure { Name = "ACT Les Marronniers — Lens", Type = DeviceType.Act, Department = "62", City = "Lens" };
                other.Sites.Add(new Site { Name = "Appartements", City = "Lens", Capacity = 6 });
                db.Structures.Add(other);
                var director = new StaffMember { UserName = "act2-director", DisplayName = "act2-director", Role = StaffRole.Director, StructureId = other.Id };
                director.PasswordHash = LocalAccounts.Hash(director, ApiApp.Password);
                db.Staff.Add(director);
                await db.SaveChangesAsync();
            }
        }
        var (episode, handoff) = await ProposedToActAsync(app);
        var first = await app.SignedInAsync("act-director");
        var second = await app.SignedInAsync("act2-director");

        var answers = await Task.WhenAll(first.PostAsync($"/api/handoffs/{handoff}/accept", null), second.PostAsync($"/api/handoffs/{handoff}/accept", null));
        await app.DrainAsync();

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).OrderBy(s => s));
        await using var check = app.Services.CreateAsyncScope();
        var domain = check.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var person = (await domain.Episodes.SingleAsync(e => e.Id == episode)).PersonId;
        var accepted = await domain.Handoffs.SingleAsync(h => h.Id == handoff);
        var act = Assert.Single(await domain.Episodes.Where(e => e.PersonId == person && e.DeviceType == DeviceType.Act).ToListAsync());
        Assert.Equal(accepted.TargetStructureId, act.StructureId);
    }

    public static async Task ParallelAcknowledgementsAndResolutionsApplyEachTransitionOnce(ApiApp app)
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (episode, person) = await app.AdmitAsync(coordinator, "referent-a");
        Guid alertId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var raised = db.Alerts.Add(new Alert { EpisodeId = episode, PersonId = person, StructureId = app.Lhss.Id, Type = "dipc-late", Severity = "medium",
                RaisedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow }).Entity;
            await db.SaveChangesAsync();
            alertId = raised.Id;
        }
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.SignedInAsync("coordinator")));

        // Half acknowledge, half resolve, all at once, from the same state.
        var answers = await Task.WhenAll(clients.Select((c, i) => i % 2 == 0
            ? c.PostAsJsonAsync($"/api/alerts/{alertId}/resolve", new { resolution = "Fait" })
            : c.PostAsync($"/api/alerts/{alertId}/acknowledge", null)));

        var won = answers.Count(a => a.StatusCode == HttpStatusCode.NoContent);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.NoContent), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        await using var check = app.Services.CreateAsyncScope();
        var alert = await check.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Alerts.SingleAsync(a => a.Id == alertId);
        // Each committed transition raised the version once: an acknowledgement may be followed by a resolution, nothing twice.
        Assert.Equal(won, alert.Version);
        Assert.InRange(won, 1, 2);
        if (won == 2) Assert.Equal(AlertState.Resolved, alert.State);
        var audit = await check.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Audit
            .Where(e => e.PersonId == person && e.Action.StartsWith("alert.")).Select(e => e.Action).ToListAsync();
        Assert.Equal(won, audit.Count); // the losers' audit rows were not written either
        Assert.Equal(alert.State == AlertState.Resolved ? 1 : 0, audit.Count(a => a == "alert.resolved"));
    }

    /// <summary>An LHSS person admitted through the API, at exit, proposed to the ACT type (any ACT may answer).</summary>
    public static async Task<(Guid Episode, Guid Handoff)> ProposedToActAsync(ApiApp app)
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (episode, _) = await app.AdmitAsync(coordinator, "referent-a");
        await app.CompleteAsync(await app.SignedInAsync("doctor"), episode, "exitDecision", new { exitType = "planned" });
        await app.CompleteAsync(await app.SignedInAsync("social-worker"), episode, "exitOrientation", new { destination = "ACT" });
        await using var scope = app.Services.CreateAsyncScope();
        var handoff = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Handoffs.SingleAsync(h => h.EpisodeId == episode);
        return (episode, handoff.Id);
    }
}

public sealed class SqliteRaceTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public Task Accept_and_refuse_at_the_same_moment_have_one_winner_and_the_pathway_follows_it() => Races.ParallelAcceptAndRefuseHaveOneWinnerAndThePathwayFollowsIt(app);

    [Fact]
    public Task Two_structures_accepting_at_once_give_one_winner_and_one_episode() => Races.TwoStructuresAcceptingAtOnceHaveOneWinnerAndOneEpisode(app);

    [Fact]
    public Task Ten_parallel_acknowledgements_and_resolutions_of_one_alert_apply_each_transition_once() => Races.ParallelAcknowledgementsAndResolutionsApplyEachTransitionOnce(app);
}

public sealed class PostgresRaceTests(PostgresApiApp app) : IClassFixture<PostgresApiApp>
{
    [PostgresFact]
    public Task Accept_and_refuse_at_the_same_moment_have_one_winner_and_the_pathway_follows_it() => Races.ParallelAcceptAndRefuseHaveOneWinnerAndThePathwayFollowsIt(app);

    [PostgresFact]
    public Task Two_structures_accepting_at_once_give_one_winner_and_one_episode() => Races.TwoStructuresAcceptingAtOnceHaveOneWinnerAndOneEpisode(app);

    [PostgresFact]
    public Task Ten_parallel_acknowledgements_and_resolutions_of_one_alert_apply_each_transition_once() => Races.ParallelAcknowledgementsAndResolutionsApplyEachTransitionOnce(app);
}
