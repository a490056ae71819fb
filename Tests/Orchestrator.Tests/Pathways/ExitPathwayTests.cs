using Orchestrator.Application.Security;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>
/// Exits with due process in LHSS, LAM and ACT, on the fake clock: death and departure without notice are exits of
/// their own, an exclusion is decided by the director with the responsible doctor (CASF D312-176-2 III, D312-176-4 II)
/// and the person's orientation is still sought, a departure against advice without the risks explained raises an alert,
/// and a return to family or own housing is not an exit without solution.
/// </summary>
public sealed class ExitPathwayTests
{
    private static readonly DateTimeOffset Start = PathwayHarness.Start;

    private static async Task<Guid> AdmitAsync(PathwayHarness h, DeviceType device)
    {
        var id = await h.ReferAsync(device);
        switch (device)
        {
            case DeviceType.Lhss:
                await h.CompleteAsync(id, "medicalOpinion", h.Staff(device, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
                break;
            case DeviceType.Lam:
                await h.CompleteAsync(id, "socialAssessment", h.Staff(device, StaffRole.SocialWorker), new() { ["socialSummary"] = "Sans domicile depuis 2019" });
                await h.CompleteAsync(id, "medicalOpinion", h.Staff(device, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
                break;
            default:
                await h.CompleteAsync(id, "medicalAssessment", h.Staff(device, StaffRole.Doctor), new() { ["opinion"] = "favourable" });
                await h.CompleteAsync(id, "socialAssessment", h.Staff(device, StaffRole.SocialWorker), new() { ["socialSummary"] = "Hébergé chez un tiers" });
                break;
        }
        await h.CompleteAsync(id, "directorDecision", h.Staff(device, StaffRole.Director), new() { ["decision"] = "admit" });
        return id;
    }

    private static StaffMember ExitDecider(PathwayHarness h, DeviceType device) =>
        h.Staff(device, device == DeviceType.Act ? StaffRole.Coordinator : StaffRole.Doctor);

    [Theory]
    [InlineData(DeviceType.Lhss)]
    [InlineData(DeviceType.Lam)]
    [InlineData(DeviceType.Act)]
    public async Task A_death_is_its_own_exit_with_no_orientation_to_seek_and_no_alert(DeviceType device)
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitAsync(h, device);
        await h.AdvanceAsync(TimeSpan.FromDays(10));
        await h.CompleteAsync(id, "exitDecision", ExitDecider(h, device), new() { ["exitType"] = "death" });

        var episode = await h.EpisodeAsync(id);
        Assert.Equal((EpisodeStage.Exit, EpisodeStatus.Closed), (episode.Stage, episode.Status));
        Assert.Empty(await h.OpenTasksAsync(id));
        Assert.Empty(await h.HandoffsAsync(id));
        Assert.DoesNotContain(await h.AlertsAsync(id), a => a.Type == "exit-without-solution");
    }

    [Theory]
    [InlineData(DeviceType.Lhss)]
    [InlineData(DeviceType.Lam)]
    [InlineData(DeviceType.Act)]
    public async Task A_departure_without_notice_raises_an_alert_with_a_two_day_search_and_a_person_not_found_is_flagged_lost(DeviceType device)
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitAsync(h, device);
        await h.AdvanceAsync(TimeSpan.FromDays(20));
        await h.CompleteAsync(id, "exitDecision", ExitDecider(h, device), new() { ["exitType"] = "left-without-notice" });

        var left = Assert.Single(await h.AlertsAsync(id), a => a.Type == "left-without-notice");
        Assert.Equal(("high", Start.AddDays(20), Start.AddDays(22)), (left.Severity, left.RaisedAt, left.DueAt));
        Assert.Equal(Start.AddDays(22), (await h.TaskAsync(id, "searchContact")).DueAt);
        Assert.Contains("left-without-notice", await h.MilestonesAsync(id));
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "exitOrientation");

        await h.AdvanceAsync(TimeSpan.FromDays(1));
        await h.CompleteAsync(id, "searchContact", h.Staff(device, StaffRole.SocialWorker), new() { ["searchActions"] = "Maraude, SIAO, urgences du CHU", ["contactOutcome"] = "not-found" });
        Assert.Equal(AlertState.Resolved, (await h.AlertsAsync(id)).Single(a => a.Type == "left-without-notice").State);
        var lost = Assert.Single(await h.AlertsAsync(id), a => a.Type == "lost-to-follow-up");
        Assert.Equal(("high", Start.AddDays(21), Start.AddDays(28)), (lost.Severity, lost.RaisedAt, lost.DueAt));
        Assert.DoesNotContain(await h.AlertsAsync(id), a => a.Type == "exit-without-solution");
        if (device == DeviceType.Lhss)
        {
            await h.AdvanceAsync(TimeSpan.FromDays(31));
            Assert.Equal(Start.AddDays(21).AddMonths(1).AddDays(7), (await h.TaskAsync(id, "followUp")).DueAt);
        }
        else Assert.Equal(EpisodeStatus.Closed, (await h.EpisodeAsync(id)).Status);
    }

    [Fact]
    public async Task A_person_found_after_leaving_without_notice_is_still_oriented()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitAsync(h, DeviceType.Lam);
        await h.CompleteAsync(id, "exitDecision", h.Staff(DeviceType.Lam, StaffRole.Doctor), new() { ["exitType"] = "left-without-notice" });
        await h.CompleteAsync(id, "searchContact", h.Staff(DeviceType.Lam, StaffRole.SocialWorker), new() { ["searchActions"] = "Appel au CHRS", ["contactOutcome"] = "reached" });

        Assert.Equal(Start.AddDays(2), (await h.TaskAsync(id, "exitOrientation")).DueAt);
        Assert.DoesNotContain(await h.AlertsAsync(id), a => a.Type == "lost-to-follow-up");
    }

    [Theory]
    [InlineData(DeviceType.Lhss)]
    [InlineData(DeviceType.Lam)]
    public async Task An_exclusion_is_decided_by_the_director_with_the_doctor_the_facts_recorded_and_the_orientation_still_sought(DeviceType device)
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitAsync(h, device);
        await h.AdvanceAsync(TimeSpan.FromDays(5));
        await h.CompleteAsync(id, "exitDecision", h.Staff(device, StaffRole.Doctor), new() { ["exitType"] = "exclusion" });
        Assert.Equal(Start.AddDays(6), (await h.TaskAsync(id, "exclusionDecision")).DueAt);
        Assert.Equal(EpisodeStage.Stay, (await h.EpisodeAsync(id)).Stage);

        var values = new Dictionary<string, object?> { ["facts"] = "Agression d'un aide-soignant le 9 janvier, plainte déposée", ["doctorAgrees"] = true, ["exclusion"] = "confirm" };
        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => h.CompleteAsync(id, "exclusionDecision", h.Staff(device, StaffRole.Doctor), values));
        Assert.Equal("Cette tâche est réservée au directeur de la structure.", refusal.Message);
        await h.CompleteAsync(id, "exclusionDecision", h.Staff(device, StaffRole.Director), values);

        Assert.Equal(EpisodeStage.Exit, (await h.EpisodeAsync(id)).Stage);
        Assert.Equal(Start.AddDays(7), (await h.TaskAsync(id, "exitOrientation")).DueAt);
    }

    [Fact]
    public async Task An_exclusion_the_doctor_does_not_join_does_not_end_the_stay_and_the_exit_decision_opens_again()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitAsync(h, DeviceType.Lam);
        await h.CompleteAsync(id, "exitDecision", h.Staff(DeviceType.Lam, StaffRole.Doctor), new() { ["exitType"] = "exclusion" });
        await h.CompleteAsync(id, "exclusionDecision", h.Staff(DeviceType.Lam, StaffRole.Director),
            new() { ["facts"] = "Menaces verbales", ["doctorAgrees"] = false, ["exclusion"] = "confirm" });

        Assert.Equal(EpisodeStage.Stay, (await h.EpisodeAsync(id)).Stage);
        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "exitDecision");
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "exitOrientation");
    }

    [Theory]
    [InlineData(DeviceType.Lhss, false, true)]
    [InlineData(DeviceType.Lam, false, true)]
    [InlineData(DeviceType.Act, false, true)]
    [InlineData(DeviceType.Lam, true, false)]
    public async Task A_departure_against_advice_with_the_risks_not_explained_raises_a_high_alert(DeviceType device, bool explained, bool alerted)
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitAsync(h, device);
        await h.CompleteAsync(id, "exitDecision", ExitDecider(h, device), new() { ["exitType"] = "against-advice" });
        Assert.Equal(Start.AddDays(1), (await h.TaskAsync(id, "riskNotice")).DueAt);
        await h.CompleteAsync(id, "riskNotice", h.Staff(device, StaffRole.Doctor), new() { ["risksExplained"] = explained });

        var alert = (await h.AlertsAsync(id)).SingleOrDefault(a => a.Type == "risks-not-explained");
        Assert.Equal(alerted, alert is not null);
        if (alert is not null) Assert.Equal(("high", Start, Start.AddDays(2)), (alert.Severity, alert.RaisedAt, alert.DueAt));
        Assert.NotNull(await h.TaskAsync(id, "exitOrientation"));
    }

    [Theory]
    [InlineData(DeviceType.Lhss, "famille", false)]
    [InlineData(DeviceType.Lam, "logement-personnel", false)]
    [InlineData(DeviceType.Act, "famille", false)]
    [InlineData(DeviceType.Act, "rue", true)]
    public async Task A_return_to_family_or_own_housing_is_not_an_exit_without_solution_but_the_street_is(DeviceType device, string destination, bool flagged)
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitAsync(h, device);
        await h.CompleteAsync(id, "exitDecision", ExitDecider(h, device), new() { ["exitType"] = "planned" });
        await h.CompleteAsync(id, "exitOrientation", h.Staff(device, StaffRole.SocialWorker), new() { ["destination"] = destination });

        Assert.Equal(flagged, (await h.AlertsAsync(id)).Any(a => a.Type == "exit-without-solution"));
        Assert.Empty(await h.HandoffsAsync(id));
        await h.AdvanceAsync(TimeSpan.FromDays(32));
        Assert.Equal(Start.AddMonths(1).AddDays(7), (await h.TaskAsync(id, "followUp")).DueAt);
    }

    [Theory]
    [InlineData(DeviceType.Lam, "rupture", true)]
    [InlineData(DeviceType.Act, "rupture", true)]
    [InlineData(DeviceType.Act, "stable", false)]
    public async Task A_lam_or_act_exit_is_followed_up_a_month_later_and_a_rupture_raises_a_high_alert(DeviceType device, string situation, bool alerted)
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitAsync(h, device);
        await h.AdvanceAsync(TimeSpan.FromDays(10));
        await h.CompleteAsync(id, "exitDecision", ExitDecider(h, device), new() { ["exitType"] = "planned" });
        await h.CompleteAsync(id, "exitOrientation", h.Staff(device, StaffRole.SocialWorker), new() { ["destination"] = "logement-personnel" });
        await h.AdvanceAsync(TimeSpan.FromDays(30));
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "followUp");

        await h.AdvanceAsync(TimeSpan.FromDays(2));
        var followUp = await h.TaskAsync(id, "followUp");
        Assert.Equal(Start.AddDays(10).AddMonths(1).AddDays(7), followUp.DueAt);
        await h.CompleteAsync(id, "followUp", h.Staff(device, StaffRole.SocialWorker), new() { ["situation"] = situation });

        var rupture = (await h.AlertsAsync(id)).SingleOrDefault(a => a.Type == "post-exit-rupture");
        Assert.Equal(alerted, rupture is not null);
        if (rupture is not null) Assert.Equal(("high", h.Clock.GetUtcNow().AddDays(2)), (rupture.Severity, rupture.DueAt));
        Assert.Contains("follow-up", await h.MilestonesAsync(id));
        Assert.Equal(EpisodeStatus.Closed, (await h.EpisodeAsync(id)).Status);
    }

    [Fact]
    public async Task A_mobile_team_orientation_is_followed_up_a_month_after_the_accepted_handoff_and_a_rupture_raises_an_alert()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await h.ReferAsync(DeviceType.Emsp);
        var nurse = h.Staff(DeviceType.Emsp, StaffRole.Nurse);
        await h.CompleteAsync(id, "qualifyReport", h.Staff(DeviceType.Emsp, StaffRole.Coordinator), new() { ["reporterType"] = "private-person", ["place"] = "street", ["urgency"] = "normal" });
        await h.CompleteAsync(id, "intervention", nurse, new() { ["contact"] = "met" });
        await h.CompleteAsync(id, "healthCheck", nurse, new() { ["healthRightsOpen"] = true, ["destination"] = "PASS" });
        var handoff = Assert.Single(await h.HandoffsAsync(id));
        await h.SendAsync(new Application.Handoffs.AnswerHandoffCommand(handoff.Id, true, null), h.Staff(DeviceType.Pass, StaffRole.Nurse));
        Assert.Equal(EpisodeStatus.Active, (await h.EpisodeAsync(id)).Status);

        await h.AdvanceAsync(TimeSpan.FromDays(32));
        Assert.Equal(Start.AddMonths(1).AddDays(7), (await h.TaskAsync(id, "followUp")).DueAt);
        await h.CompleteAsync(id, "followUp", nurse, new() { ["situation"] = "rupture" });
        Assert.Contains(await h.AlertsAsync(id), a => a.Type == "post-exit-rupture" && a.Severity == "high");
        Assert.Equal(EpisodeStatus.Closed, (await h.EpisodeAsync(id)).Status);
    }
}
