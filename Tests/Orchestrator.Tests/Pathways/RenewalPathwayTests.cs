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
