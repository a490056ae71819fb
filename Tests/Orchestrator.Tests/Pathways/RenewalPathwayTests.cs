using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Tests.Pathways;

/// <summary>
/// Long stays and renewals on the fake clock: each LHSS renewal re-checks the exit project, a stay past 90 days gets a
/// re-orientation review toward LAM or ACT, and an ESSIP renewed prescription must end after the previous one and after today.
/// </summary>
public sealed class RenewalPathwayTests
{
    private static readonly DateTimeOffset Start = PathwayHarness.Start;
    // Admitted at Start: the first two-month period ends on 5 March, its renewal decision opens a week before.
    private static readonly DateTimeOffset PlannedEnd = new(2026, 3, 5, 9, 0, 0, TimeSpan.FromHours(1));

    private static async Task<Guid> AdmitToLhssAsync(PathwayHarness h)
    {
        var id = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(id, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(id, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        return id;
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task An_lhss_renewal_without_an_exit_solution_raises_an_alert_to_review_the_exit_project(bool solutionFound, bool alerted)
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitToLhssAsync(h);
        await h.AdvanceAsync(PlannedEnd.AddDays(-7) - Start);
        await h.CompleteAsync(id, "renewalDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["renewal"] = "renew", ["exitSolutionFound"] = solutionFound });

        var alert = (await h.AlertsAsync(id)).SingleOrDefault(a => a.Type == "renewal-without-exit-solution");
        Assert.Equal(alerted, alert is not null);
        if (alert is not null) Assert.Equal(("medium", PlannedEnd.AddDays(-7), PlannedEnd.AddDays(8)), (alert.Severity, alert.RaisedAt, alert.DueAt));
        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "exitDecision");
    }

    [Fact]
    public async Task The_lhss_renewal_form_offers_the_new_period_from_the_planned_end_up_to_the_legal_two_months()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitToLhssAsync(h);
        await h.AdvanceAsync(PlannedEnd.AddDays(-7) - Start);
        var doctor = h.Staff(DeviceType.Lhss, StaffRole.Doctor);

        var window = (await h.SendAsync(new Application.Tasks.GetTaskDateWindowsQuery((await h.TaskAsync(id, "renewalDecision")).Id), doctor))["renewedUntil"];

        // The new period starts on 5 March (the planned end, still ahead) and may last the two months of CASF D312-176-2.
        var twoMonthsLater = new DateTimeOffset(2026, 5, 5, 9, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal((PlannedEnd, twoMonthsLater, twoMonthsLater), (window.Earliest, window.Latest, window.Suggested));
    }

    [Fact]
    public async Task A_doctor_who_renews_late_is_offered_a_period_starting_on_the_day_of_the_decision()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitToLhssAsync(h);
        await h.AdvanceAsync(PlannedEnd.AddDays(20) - Start);

        var window = (await h.SendAsync(new Application.Tasks.GetTaskDateWindowsQuery((await h.TaskAsync(id, "renewalDecision")).Id),
            h.Staff(DeviceType.Lhss, StaffRole.Doctor)))["renewedUntil"];

        var decision = PlannedEnd.AddDays(20);
        Assert.Equal((decision, new DateTimeOffset(2026, 5, 25, 9, 0, 0, TimeSpan.FromHours(2))), (window.Earliest, window.Latest));
    }

    [Fact]
    public async Task A_doctor_who_sets_a_shorter_period_gets_the_next_renewal_a_week_before_the_end_they_chose()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitToLhssAsync(h);
        await h.AdvanceAsync(PlannedEnd.AddDays(-7) - Start);
        await h.CompleteAsync(id, "renewalDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor),
            new() { ["renewal"] = "renew", ["exitSolutionFound"] = true, ["renewedUntil"] = "2026-04-05" });

        // The period ends on 5 April at the hour the stay began (09:00, now summer time): the next decision opens a week before,
        // on 29 March, and is due on the 5th, not two months after 5 March.
        var notice = new DateTimeOffset(2026, 3, 29, 9, 0, 0, TimeSpan.FromHours(2));
        var record = await h.SendAsync(new Application.People.GetPersonRecordQuery((await h.EpisodeAsync(id)).PersonId), h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        Assert.Contains(record.PathwayDeadlines, d => d.Name == "Fin de période proche" && d.DueAt == notice); // the new end is visible at once
        // Once the team's own tasks are done, the dashboard's next deadline is the one the pathway keeps: the renewal notice.
        var worker = h.Staff(DeviceType.Lhss, StaffRole.SocialWorker);
        await h.CompleteAsync(id, "dipcHandover", worker);
        await h.CompleteAsync(id, "dataSharingInformation", worker, new() { ["informed"] = true });
        await h.CompleteAsync(id, "exitProject", worker, new() { ["exitSolution"] = "Pension de famille" });
        var row = (await h.SendAsync(new Application.Boards.ListEpisodesQuery(), h.Staff(DeviceType.Lhss, StaffRole.Coordinator))).Items.Single(e => e.Id == id);
        Assert.Equal(("Fin de période proche", notice), (row.NextDeadline, row.NextDeadlineAt));
        await h.AdvanceAsync(notice.AddMinutes(-1) - h.Clock.GetUtcNow());
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "renewalDecision");
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(new DateTimeOffset(2026, 4, 5, 9, 0, 0, TimeSpan.FromHours(2)), (await h.TaskAsync(id, "renewalDecision")).DueAt);
    }

    [Theory]
    [InlineData("2026-05-06", "Fin de la nouvelle période (en cas de renouvellement) : la date doit être au plus tard le 05/05/2026, la période commençant le 05/03/2026")]
    [InlineData("2026-03-05", "Fin de la nouvelle période (en cas de renouvellement) : la période doit finir après le jour où elle commence, le 05/03/2026")]
    [InlineData("2026-03-04", "Fin de la nouvelle période (en cas de renouvellement) : la date doit être au plus tôt le 05/03/2026")]
    [InlineData("05/04/2026", "Fin de la nouvelle période (en cas de renouvellement) : une date est attendue (AAAA-MM-JJ)")]
    public async Task A_renewed_period_beyond_the_legal_two_months_or_ending_as_it_starts_is_refused_and_the_decision_stays_open(string end, string refusal)
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitToLhssAsync(h);
        await h.AdvanceAsync(PlannedEnd.AddDays(-7) - Start);

        var error = await Assert.ThrowsAsync<TaskInputException>(() => h.CompleteAsync(id, "renewalDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor),
            new() { ["renewal"] = "renew", ["exitSolutionFound"] = true, ["renewedUntil"] = end }));

        Assert.Equal(refusal, error.Errors["renewedUntil"]);
        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "renewalDecision");
    }

    [Fact]
    public async Task An_lhss_stay_past_ninety_days_gets_a_reorientation_review_toward_lam_or_act_due_within_a_week()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await AdmitToLhssAsync(h);
        await h.AdvanceAsync(TimeSpan.FromDays(89));
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "reorientationReview");
        await h.AdvanceAsync(TimeSpan.FromDays(1));

        // 90 + 7 calendar days in Paris: 12 April at 09:00, after the spring change.
        Assert.Equal(new DateTimeOffset(2026, 4, 12, 9, 0, 0, TimeSpan.FromHours(2)), (await h.TaskAsync(id, "reorientationReview")).DueAt);
        await h.CompleteAsync(id, "reorientationReview", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["reorientation"] = "LAM", ["reorientationReason"] = "Perte d'autonomie durable" });
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "reorientationReview");
        Assert.Equal(EpisodeStage.Stay, (await h.EpisodeAsync(id)).Stage);
    }

    [Theory]
    [InlineData(31, "2026-02-04T12:00:00+01:00", "Nouvelle fin de prescription : la date ne peut pas être passée")]
    [InlineData(23, "2026-02-03T09:00:00+01:00", "Nouvelle fin de prescription : la date doit être au plus tôt le 04/02/2026 à 09h00")]
    [InlineData(23, "2026-03-06T09:00:00+01:00", null)]
    public async Task An_essip_renewed_prescription_must_end_after_the_previous_end_and_after_today(int day, string newEnd, string? refusal)
    {
        await using var h = await PathwayHarness.CreateAsync();
        var id = await h.ReferAsync(DeviceType.Essip);
        var nurse = h.Staff(DeviceType.Essip, StaffRole.Nurse);
        await h.CompleteAsync(id, "registerPrescription", nurse, new() { ["prescriber"] = "Dr Martin", ["prescriptionEnd"] = "2026-02-04T09:00:00+01:00", ["hasGeneralPractitioner"] = true });
        await h.CompleteAsync(id, "admissionReview", nurse, new() { ["decision"] = "admit" });
        await h.AdvanceAsync(TimeSpan.FromDays(day));
        await h.CompleteAsync(id, "renewalRequest", nurse, new() { ["careOutcome"] = "renewed" });
        Assert.Equal(Start.AddDays(day + 1), (await h.TaskAsync(id, "registerRenewal")).DueAt);

        var register = () => h.CompleteAsync(id, "registerRenewal", nurse, new() { ["newPrescriptionEnd"] = newEnd });
        if (refusal is not null)
        {
            var error = await Assert.ThrowsAsync<TaskInputException>(register);
            Assert.Equal(refusal, error.Errors["newPrescriptionEnd"]);
            Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "registerRenewal");
            return;
        }
        await register();
        await h.AdvanceAsync(DateTimeOffset.Parse(newEnd).AddDays(-7) - h.Clock.GetUtcNow());
        Assert.Equal(DateTimeOffset.Parse(newEnd), (await h.TaskAsync(id, "renewalRequest")).DueAt);
    }
}
