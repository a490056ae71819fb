using Orchestrator.Application.Handoffs;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>Entry, stay and exit of every other device, each with its unhappy path, on the fake clock.</summary>
public sealed class DevicePathwayTests
{
    private static readonly DateTimeOffset Start = PathwayHarness.Start;

    [Fact]
    public async Task Lam_admits_after_a_social_assessment_reviews_the_life_project_yearly_and_traces_the_risks_of_a_departure_against_advice()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await h.ReferAsync(DeviceType.Lam);
        await h.CompleteAsync(id, "socialAssessment", h.Staff(DeviceType.Lam, StaffRole.SocialWorker), new() { ["socialSummary"] = "Sans domicile depuis 2019" });
        await h.CompleteAsync(id, "medicalOpinion", h.Staff(DeviceType.Lam, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(id, "directorDecision", h.Staff(DeviceType.Lam, StaffRole.Director), new() { ["decision"] = "admit" });
        Assert.Equal(Start.AddMonths(1), (await h.TaskAsync(id, "contractSignature")).DueAt);
        Assert.Equal(new DateTimeOffset(2026, 7, 5, 9, 0, 0, TimeSpan.FromHours(2)), (await h.TaskAsync(id, "lifeProject")).DueAt);

        await h.AdvanceAsync(TimeSpan.FromDays(32));
        Assert.Contains(await h.AlertsAsync(id), a => a.Type == "contract-unsigned" && a.RaisedAt == Start.AddMonths(1));
        await h.CompleteAsync(id, "lifeProject", h.Staff(DeviceType.Lam, StaffRole.SocialWorker), new() { ["objectives"] = "Ouverture des droits AAH" });
        await h.AdvanceAsync(TimeSpan.FromDays(366));
        Assert.NotNull(await h.TaskAsync(id, "annualReview"));

        await h.CompleteAsync(id, "exitDecision", h.Staff(DeviceType.Lam, StaffRole.Doctor), new() { ["exitType"] = "against-advice" });
        await h.CompleteAsync(id, "riskNotice", h.Staff(DeviceType.Lam, StaffRole.Doctor), new() { ["risksExplained"] = true });
        Assert.Equal(EpisodeStage.Exit, (await h.EpisodeAsync(id)).Stage);
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "annualReview");
    }

    [Fact]
    public async Task Act_flags_a_housing_application_not_filed_within_six_months_and_exits_to_housing_through_an_accepted_handoff()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await h.ReferAsync(DeviceType.Act);
        await h.CompleteAsync(id, "medicalAssessment", h.Staff(DeviceType.Act, StaffRole.Doctor), new() { ["opinion"] = "favourable" });
        await h.CompleteAsync(id, "socialAssessment", h.Staff(DeviceType.Act, StaffRole.SocialWorker), new() { ["socialSummary"] = "Hébergé chez un tiers" });
        await h.CompleteAsync(id, "directorDecision", h.Staff(DeviceType.Act, StaffRole.Director), new() { ["decision"] = "admit" });

        await h.AdvanceAsync(TimeSpan.FromDays(190));
        Assert.Contains(await h.AlertsAsync(id), a => a.Type == "housing-application-late");
        await h.CompleteAsync(id, "exitDecision", h.Staff(DeviceType.Act, StaffRole.Coordinator), new() { ["exitType"] = "planned" });
        await h.CompleteAsync(id, "exitOrientation", h.Staff(DeviceType.Act, StaffRole.SocialWorker), new() { ["destination"] = "logement" });
        var handoff = Assert.Single(await h.HandoffsAsync(id));
        await h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), h.Staff(DeviceType.SocialHousing, StaffRole.Director));
        Assert.Equal(HandoffState.Accepted, Assert.Single(await h.HandoffsAsync(id)).State);
        Assert.Equal(EpisodeStatus.Active, (await h.EpisodeAsync(id)).Status);
        await h.AdvanceAsync(TimeSpan.FromDays(32));
        await h.CompleteAsync(id, "followUp", h.Staff(DeviceType.Act, StaffRole.SocialWorker), new() { ["situation"] = "stable" });
        Assert.Equal(EpisodeStatus.Closed, (await h.EpisodeAsync(id)).Status);
    }

    [Fact]
    public async Task Act_hors_les_murs_flags_a_weekly_visit_that_was_missed_or_did_not_find_the_person()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await h.ReferAsync(DeviceType.ActHorsLesMurs);
        await h.CompleteAsync(id, "inclusionDecision", h.Staff(DeviceType.ActHorsLesMurs, StaffRole.Coordinator), new() { ["decision"] = "admit" });

        await h.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.Equal(Start.AddDays(9), (await h.TaskAsync(id, "weeklyVisit")).DueAt);
        await h.AdvanceAsync(TimeSpan.FromDays(2));
        var missed = Assert.Single(await h.AlertsAsync(id), a => a.Type == "missed-visit");
        Assert.Equal(("high", Start.AddDays(9)), (missed.Severity, missed.RaisedAt));

        await h.CompleteAsync(id, "weeklyVisit", h.Staff(DeviceType.ActHorsLesMurs, StaffRole.Nurse), new() { ["visitOutcome"] = "not-found" });
        Assert.Equal(2, (await h.AlertsAsync(id)).Count(a => a.Type == "missed-visit"));
        await h.AdvanceAsync(TimeSpan.FromDays(7));
        await h.CompleteAsync(id, "weeklyVisit", h.Staff(DeviceType.ActHorsLesMurs, StaffRole.Nurse), new() { ["visitOutcome"] = "met" });
        Assert.Equal(2, (await h.AlertsAsync(id)).Count(a => a.Type == "missed-visit"));
    }

    [Fact]
    public async Task Only_a_psychiatrist_gives_the_binding_opinion_of_chez_soi_d_abord_not_another_doctor_nor_the_coordinator()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await h.ReferAsync(DeviceType.ActChezSoiDabord);
        await h.CompleteAsync(id, "registerReferral", h.Staff(DeviceType.ActChezSoiDabord, StaffRole.Coordinator),
            new() { ["orienter"] = "CSAPA", ["durablyHomeless"] = true, ["severeMentalIllness"] = true });

        foreach (var role in new[] { StaffRole.Doctor, StaffRole.Coordinator, StaffRole.Director })
        {
            var refusal = await Assert.ThrowsAsync<Application.Security.AccessDeniedException>(() =>
                h.CompleteAsync(id, "psychiatristOpinion", h.Staff(DeviceType.ActChezSoiDabord, role), new() { ["psychiatristAgrees"] = true }));
            Assert.Equal("Cette tâche est réservée au psychiatre de la structure.", refusal.Message);
        }
        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "psychiatristOpinion");
        await h.CompleteAsync(id, "psychiatristOpinion", h.Staff(DeviceType.ActChezSoiDabord, StaffRole.Psychiatrist), new() { ["psychiatristAgrees"] = true });
        Assert.Equal(EpisodeStage.Stay, (await h.EpisodeAsync(id)).Stage);
    }

    [Theory]
    [InlineData("EMPP", null, EpisodeStage.Stay)]
    [InlineData("CAARUD", true, EpisodeStage.Stay)]
    [InlineData("CAARUD", false, EpisodeStage.Entry)]
    [InlineData("autre", null, EpisodeStage.Entry)]
    public async Task Chez_soi_d_abord_admits_only_from_authorised_orienters_and_needs_a_psychiatrist_s_binding_opinion_from_the_others(
        string orienter, bool? psychiatristAgrees, EpisodeStage expected)
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await h.ReferAsync(DeviceType.ActChezSoiDabord);
        await h.CompleteAsync(id, "registerReferral", h.Staff(DeviceType.ActChezSoiDabord, StaffRole.Coordinator),
            new() { ["orienter"] = orienter, ["durablyHomeless"] = true, ["severeMentalIllness"] = true });
        if (psychiatristAgrees is { } agrees)
            await h.CompleteAsync(id, "psychiatristOpinion", h.Staff(DeviceType.ActChezSoiDabord, StaffRole.Psychiatrist), new() { ["psychiatristAgrees"] = agrees });
        else
            Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "psychiatristOpinion");

        var episode = await h.EpisodeAsync(id);
        Assert.Equal(expected, episode.Stage);
        if (expected == EpisodeStage.Entry) { Assert.Equal(EpisodeStatus.NotAdmitted, episode.Status); return; }
        await h.AdvanceAsync(TimeSpan.FromDays(366));
        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "annualReevaluation");
    }

    [Fact]
    public async Task Essip_asks_for_renewal_a_week_before_the_prescription_ends_and_alerts_when_it_lapses_with_care_still_needed()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await h.ReferAsync(DeviceType.Essip);
        var nurse = h.Staff(DeviceType.Essip, StaffRole.Nurse);
        await h.CompleteAsync(id, "registerPrescription", nurse, new() { ["prescriber"] = "Dr Martin", ["prescriptionEnd"] = "2026-02-04T09:00:00+01:00", ["hasGeneralPractitioner"] = false });
        await h.CompleteAsync(id, "admissionReview", nurse, new() { ["decision"] = "admit" });
        Assert.Contains(await h.AlertsAsync(id), a => a.Type == "no-general-practitioner" && a.Severity == "low");

        await h.AdvanceAsync(TimeSpan.FromDays(23));
        Assert.Equal(Start.AddDays(30), (await h.TaskAsync(id, "renewalRequest")).DueAt);
        await h.AdvanceAsync(TimeSpan.FromDays(8));
        var lapse = Assert.Single(await h.AlertsAsync(id), a => a.Type == "prescription-lapse");
        Assert.Equal(("high", Start.AddDays(30)), (lapse.Severity, lapse.RaisedAt));

        await h.CompleteAsync(id, "renewalRequest", nurse, new() { ["careOutcome"] = "renewed" });
        await h.CompleteAsync(id, "registerRenewal", nurse, new() { ["newPrescriptionEnd"] = "2026-03-06T09:00:00+01:00" });
        await h.AdvanceAsync(TimeSpan.FromDays(22));
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.FromHours(1)), (await h.TaskAsync(id, "renewalRequest")).DueAt);
    }

    [Fact]
    public async Task A_mobile_team_flags_an_urgent_report_not_met_within_24_hours_and_orients_the_person_after_the_health_check()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await h.ReferAsync(DeviceType.Emsp);
        var nurse = h.Staff(DeviceType.Emsp, StaffRole.Nurse);
        await h.CompleteAsync(id, "qualifyReport", h.Staff(DeviceType.Emsp, StaffRole.Coordinator), new() { ["reporterType"] = "private-person", ["place"] = "street", ["urgency"] = "urgent" });
        Assert.Equal(Start.AddHours(24), (await h.TaskAsync(id, "intervention")).DueAt);

        await h.AdvanceAsync(TimeSpan.FromHours(25));
        Assert.Contains(await h.AlertsAsync(id), a => a.Type == "intervention-late" && a.RaisedAt == Start.AddHours(24));
        await h.CompleteAsync(id, "intervention", nurse, new() { ["contact"] = "met" });
        await h.CompleteAsync(id, "healthCheck", nurse, new() { ["healthRightsOpen"] = false, ["destination"] = "PASS" });
        Assert.Contains(await h.AlertsAsync(id), a => a.Type == "rights-pending");
        var handoff = Assert.Single(await h.HandoffsAsync(id));
        await h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), h.Staff(DeviceType.Pass, StaffRole.Nurse));
        Assert.Equal(["referral", "admission", "handoff-accepted", "exit"], await h.MilestonesAsync(id));
    }
}
