using Orchestrator.Application.Handoffs;
using Orchestrator.Application.Settings;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

public sealed class LhssPathwayTests
{
    private static async Task<Guid> AdmitAsync(PathwayHarness h)
    {
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        return episode;
    }

    [Fact]
    public async Task An_admitted_person_gets_a_referent_a_DIPC_due_in_15_days_and_an_overstay_alert_when_the_two_months_pass_without_decision()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episodeId = await AdmitAsync(h);

        var episode = await h.EpisodeAsync(episodeId);
        Assert.Equal(EpisodeStage.Stay, episode.Stage);
        Assert.Equal(h.Staff(DeviceType.Lhss, StaffRole.SocialWorker).Id, episode.ReferentId);
        Assert.Equal(h.Structures[DeviceType.Lhss].Sites.Single().Id, episode.SiteId);
        Assert.Equal(PathwayHarness.Start.AddDays(15), (await h.TaskAsync(episodeId, "dipcHandover")).DueAt);

        await h.AdvanceAsync(TimeSpan.FromDays(16));
        var dipc = Assert.Single(await h.AlertsAsync(episodeId));
        Assert.Equal(("dipc-late", PathwayHarness.Start.AddDays(15), PathwayHarness.Start.AddDays(17)), (dipc.Type, dipc.RaisedAt, dipc.DueAt));
        await h.CompleteAsync(episodeId, "dipcHandover", h.Staff(DeviceType.Lhss, StaffRole.SocialWorker));
        Assert.Equal(Domain.Alerts.AlertState.Resolved, Assert.Single(await h.AlertsAsync(episodeId)).State);

        var plannedEnd = new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.FromHours(1));
        await h.AdvanceAsync(plannedEnd.AddDays(-7).AddMinutes(-1) - h.Clock.GetUtcNow());
        Assert.DoesNotContain(await h.OpenTasksAsync(episodeId), t => t.ElementId == "renewalDecision");
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(plannedEnd, (await h.TaskAsync(episodeId, "renewalDecision")).DueAt);

        await h.AdvanceAsync(TimeSpan.FromDays(8));
        var overstay = Assert.Single(await h.AlertsAsync(episodeId), a => a.Type == "overstay");
        Assert.Equal(("high", plannedEnd), (overstay.Severity, overstay.RaisedAt));
    }

    [Fact]
    public async Task A_renewal_opens_the_next_period_from_the_planned_end_not_from_the_decision()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episodeId = await AdmitAsync(h);
        await h.AdvanceAsync(TimeSpan.FromDays(55));
        await h.CompleteAsync(episodeId, "renewalDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["renewal"] = "renew", ["exitSolutionFound"] = true });

        await h.AdvanceAsync(TimeSpan.FromDays(60));
        var second = await h.TaskAsync(episodeId, "renewalDecision");
        Assert.Equal(new DateTimeOffset(2026, 5, 5, 9, 0, 0, TimeSpan.FromHours(2)), second.DueAt);
        Assert.DoesNotContain(await h.AlertsAsync(episodeId), a => a.Type == "overstay");
    }

    [Fact]
    public async Task A_renewal_decided_months_after_the_planned_end_opens_its_period_from_the_decision_and_raises_no_overstay_at_once()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episodeId = await AdmitAsync(h);
        await h.AdvanceAsync(TimeSpan.FromDays(59 + 120)); // planned end on 05/03; nobody decides for four months
        var overstays = (await h.AlertsAsync(episodeId)).Count(a => a.Type == "overstay");
        Assert.Equal(1, overstays);
        var decidedAt = h.Clock.GetUtcNow();

        await h.CompleteAsync(episodeId, "renewalDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["renewal"] = "renew", ["exitSolutionFound"] = true });
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));

        var alerts = await h.AlertsAsync(episodeId);
        Assert.Equal(overstays, alerts.Count(a => a.Type == "overstay")); // no new overstay for the period just decided
        Assert.DoesNotContain(alerts, a => a.Type == "overstay" && a.State != Domain.Alerts.AlertState.Resolved);
        Assert.DoesNotContain(await h.OpenTasksAsync(episodeId), t => t.ElementId == "renewalDecision");

        await h.AdvanceAsync(TimeSpan.FromDays(70)); // the new period: two calendar months from the decision, then its own overstay
        var next = await h.AlertsAsync(episodeId);
        var newOverstay = Assert.Single(next, a => a.Type == "overstay" && a.RaisedAt > decidedAt);
        var end = Orchestrator.Workflows.Timing.IsoDuration.Parse("P2M").AddTo(decidedAt, NodaTime.DateTimeZoneProviders.Tzdb["Europe/Paris"]);
        Assert.Equal(end, newOverstay.RaisedAt);
    }

    [Fact]
    public async Task A_refusal_must_be_reasoned_and_leaves_the_episode_not_admitted()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episodeId = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episodeId, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = true, ["opinion"] = "unfavourable" });
        await h.CompleteAsync(episodeId, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "refuse" });

        await Assert.ThrowsAsync<Workflows.Engine.TaskInputException>(() => h.CompleteAsync(episodeId, "refusalReason", h.Staff(DeviceType.Lhss, StaffRole.Director)));
        await h.CompleteAsync(episodeId, "refusalReason", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["refusalReason"] = "hospital-care", ["refusalDetail"] = "Relève de soins hospitaliers" });
        var episode = await h.EpisodeAsync(episodeId);
        Assert.Equal((EpisodeStatus.NotAdmitted, EpisodeStage.Entry), (episode.Status, episode.Stage));
    }

    [Fact]
    public async Task An_exit_handoff_refused_then_unanswered_escalates_and_a_third_structure_accepting_closes_the_loop()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episodeId = await AdmitAsync(h);
        await h.CompleteAsync(episodeId, "exitDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["exitType"] = "planned" });
        Assert.Equal(EpisodeStage.Exit, (await h.EpisodeAsync(episodeId)).Stage);
        await h.CompleteAsync(episodeId, "exitOrientation", h.Staff(DeviceType.Lhss, StaffRole.SocialWorker), new() { ["destination"] = "CHRS" });

        var chrs = Assert.Single(await h.HandoffsAsync(episodeId));
        Assert.Equal((DeviceType.Chrs, PathwayHarness.Start.AddDays(7)), (chrs.TargetDevice!.Value, chrs.AnswerDueAt!.Value));
        await Assert.ThrowsAsync<Domain.DomainException>(() => h.SendAsync(new AnswerHandoffCommand(chrs.Id, true, null), h.Staff(DeviceType.Act, StaffRole.Director)));
        await h.SendAsync(new AnswerHandoffCommand(chrs.Id, false, "Pas de place avant deux mois"), h.Staff(DeviceType.Chrs, StaffRole.Director));
        Assert.Contains(await h.AlertsAsync(episodeId), a => a.Type == "handoff-refused");
        await h.CompleteAsync(episodeId, "reorient", h.Staff(DeviceType.Lhss, StaffRole.Coordinator), new() { ["nextStep"] = "retry", ["destination"] = "pension-de-famille" });

        await h.AdvanceAsync(TimeSpan.FromDays(7));
        var handoffs = await h.HandoffsAsync(episodeId);
        Assert.Equal([HandoffState.Refused, HandoffState.Expired], handoffs.OrderBy(x => x.ProposedAt).Select(x => x.State));
        var expired = Assert.Single(await h.AlertsAsync(episodeId), a => a.Type == "handoff-expired");
        Assert.Equal("high", expired.Severity);
        await h.CompleteAsync(episodeId, "reorient", h.Staff(DeviceType.Lhss, StaffRole.Coordinator), new() { ["nextStep"] = "retry", ["destination"] = "ACT" });

        var act = (await h.HandoffsAsync(episodeId)).Single(x => x.State == HandoffState.Proposed);
        await h.SendAsync(new AnswerHandoffCommand(act.Id, true, null), h.Staff(DeviceType.Act, StaffRole.Director));
        Assert.Contains("handoff-accepted", await h.MilestonesAsync(episodeId));
        var next = Assert.Single(await h.EpisodesOfPersonAsync((await h.EpisodeAsync(episodeId)).PersonId), e => e.DeviceType == DeviceType.Act);
        Assert.Equal((EpisodeStage.Entry, EpisodeStatus.Active, (await h.EpisodeAsync(episodeId)).PathwayId), (next.Stage, next.Status, next.PathwayId));
        Assert.Contains(await h.OpenTasksAsync(next.Id), t => t.ElementId == "medicalAssessment");

        await h.AdvanceAsync(TimeSpan.FromDays(31));
        await h.CompleteAsync(episodeId, "followUp", h.Staff(DeviceType.Lhss, StaffRole.SocialWorker), new() { ["situation"] = "stable" });
        Assert.Equal(EpisodeStatus.Closed, (await h.EpisodeAsync(episodeId)).Status);
    }

    [Fact]
    public async Task A_deadline_changed_by_an_administrator_applies_to_episodes_started_afterwards()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var before = await AdmitAsync(h);
        var admin = new StaffMember { UserName = "admin", DisplayName = "Admin", Role = StaffRole.Administrator };
        await h.SendAsync(new SetPathwayParameterCommand("lhss", "dipcDeadline", "P10D"), admin);
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => h.SendAsync(new SetPathwayParameterCommand("lhss", "dipcDeadline", "dix jours"), admin));
        var after = await AdmitAsync(h);

        Assert.Equal(PathwayHarness.Start.AddDays(15), (await h.TaskAsync(before, "dipcHandover")).DueAt);
        Assert.Equal(PathwayHarness.Start.AddDays(10), (await h.TaskAsync(after, "dipcHandover")).DueAt);
    }
}
