using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Tests.Pathways;

/// <summary>
/// The fiche alerte on the fake clock: urgent situations get their collegial meeting within 48 hours of the alert's
/// receipt and the coordinators are alerted at once, others within 7 days; the meeting date is checked against that
/// deadline, and a meeting not scheduled in time or not held raises an alert and a new deadline.
/// </summary>
public sealed class ComplexAlertPathwayTests
{
    private static readonly DateTimeOffset Start = PathwayHarness.Start;

    private static async Task<(PathwayHarness H, Guid Id, Orchestrator.Domain.Staff.StaffMember Coordinator)> ReceivedAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        var id = await h.ReferAsync(DeviceType.ComplexSituationCoordination);
        return (h, id, h.Staff(DeviceType.ComplexSituationCoordination, StaffRole.Coordinator));
    }

    [Fact]
    public async Task An_urgent_alert_alerts_the_coordinators_at_once_with_the_48_hour_deadline_counted_from_the_receipt()
    {
        var (h, id, coordinator) = await ReceivedAsync();
        await using var _ = h;
        Assert.Equal(Start.AddDays(1), (await h.TaskAsync(id, "qualify")).DueAt);
        await h.AdvanceAsync(TimeSpan.FromHours(6));
        await h.CompleteAsync(id, "qualify", coordinator, new() { ["partner"] = "CHRS Les Glycines", ["urgency"] = "urgent" });

        var urgent = Assert.Single(await h.AlertsAsync(id));
        Assert.Equal(("urgent-complex-situation", "high"), (urgent.Type, urgent.Severity));
        Assert.Equal(Start.AddHours(6), urgent.RaisedAt);
        Assert.Equal(Start.AddHours(48), urgent.DueAt);
        Assert.Equal(Start.AddHours(48), (await h.TaskAsync(id, "scheduleMeeting")).DueAt);

        await h.CompleteAsync(id, "scheduleMeeting", coordinator, new() { ["meetingDate"] = Start.AddHours(30).ToString("O"), ["invited"] = "CHRS (directrice), CMP (psychiatre)" });
        await h.AdvanceAsync(TimeSpan.FromHours(25));
        Assert.Equal(Start.AddHours(30).AddDays(2), (await h.TaskAsync(id, "meetingReport")).DueAt);
        await h.CompleteAsync(id, "meetingReport", coordinator, new() { ["held"] = true, ["participants"] = "CHRS (directrice), CMP (psychiatre)", ["decisions"] = "Hospitalisation programmée" });

        Assert.Equal(AlertState.Resolved, Assert.Single(await h.AlertsAsync(id)).State);
        Assert.Equal(Start.AddHours(31).AddMonths(1), (await h.TaskAsync(id, "followUp")).DueAt);
    }

    [Fact]
    public async Task A_normal_alert_raises_no_alert_and_gives_seven_days_from_the_receipt_for_the_meeting()
    {
        var (h, id, coordinator) = await ReceivedAsync();
        await using var _ = h;
        await h.AdvanceAsync(TimeSpan.FromDays(1));
        await h.CompleteAsync(id, "qualify", coordinator, new() { ["partner"] = "CMP", ["urgency"] = "normal" });

        Assert.Empty(await h.AlertsAsync(id));
        Assert.Equal(Start.AddDays(7), (await h.TaskAsync(id, "scheduleMeeting")).DueAt);
        await h.CompleteAsync(id, "scheduleMeeting", coordinator, new() { ["meetingDate"] = Start.AddDays(7).ToString("O"), ["invited"] = "CMP (psychiatre)" });
        await h.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.NotNull(await h.TaskAsync(id, "meetingReport"));
        Assert.Empty(await h.AlertsAsync(id));
    }

    [Theory]
    [InlineData(-1, "meetingDate", "la date ne peut pas être passée")]
    [InlineData(49, "meetingDate", "la date doit être au plus tard le 07/01/2026 à 09h00")]
    public async Task A_meeting_date_outside_now_and_the_deadline_is_refused_in_french_and_the_task_stays_open(int hoursFromStart, string field, string reason)
    {
        var (h, id, coordinator) = await ReceivedAsync();
        await using var _ = h;
        await h.AdvanceAsync(TimeSpan.FromHours(2));
        await h.CompleteAsync(id, "qualify", coordinator, new() { ["partner"] = "SIAO", ["urgency"] = "urgent" });

        var refused = await Assert.ThrowsAsync<TaskInputException>(() => h.CompleteAsync(id, "scheduleMeeting", coordinator,
            new() { ["meetingDate"] = Start.AddHours(hoursFromStart).ToString("O"), ["invited"] = "SIAO" }));
        Assert.Equal($"Date de la réunion : {reason}", refused.Errors[field]);
        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "scheduleMeeting");
    }

    [Fact]
    public async Task A_meeting_not_scheduled_by_the_deadline_or_not_held_raises_an_alert_and_sets_a_new_deadline_within_the_same_delay()
    {
        var (h, id, coordinator) = await ReceivedAsync();
        await using var _ = h;
        await h.CompleteAsync(id, "qualify", coordinator, new() { ["partner"] = "SIAO", ["urgency"] = "urgent" });

        await h.AdvanceAsync(TimeSpan.FromHours(49));
        var missed = Assert.Single(await h.AlertsAsync(id), a => a.Type == "meeting-not-scheduled");
        Assert.Equal(("high", Start.AddHours(48), Start.AddHours(96)), (missed.Severity, missed.RaisedAt, missed.DueAt));
        Assert.Equal(Start.AddHours(96), (await h.TaskAsync(id, "scheduleMeeting")).DueAt);

        await h.CompleteAsync(id, "scheduleMeeting", coordinator, new() { ["meetingDate"] = Start.AddHours(72).ToString("O"), ["invited"] = "SIAO, CMP" });
        Assert.Equal(AlertState.Resolved, (await h.AlertsAsync(id)).Single(a => a.Type == "meeting-not-scheduled").State);
        await h.AdvanceAsync(TimeSpan.FromHours(24));
        await h.CompleteAsync(id, "meetingReport", coordinator, new() { ["held"] = false });

        var slipped = Assert.Single(await h.AlertsAsync(id), a => a.Type == "meeting-slipped");
        Assert.Equal(("high", Start.AddHours(73), Start.AddHours(121)), (slipped.Severity, slipped.RaisedAt, slipped.DueAt));
        Assert.Equal(Start.AddHours(121), (await h.TaskAsync(id, "scheduleMeeting")).DueAt);
        Assert.Equal(AlertState.Open, slipped.State);
    }
}
