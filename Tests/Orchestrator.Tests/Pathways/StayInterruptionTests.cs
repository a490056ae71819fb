using Orchestrator.Application.Episodes;
using Orchestrator.Domain;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>
/// A hospitalisation suspends an LHSS stay instead of ending it: the period's end moves by the time away, so the renewal
/// and the overstay alert come that much later; a person who does not come back leaves or dies through the usual exit.
/// </summary>
public sealed class StayInterruptionTests
{
    private static readonly DateTimeOffset Start = PathwayHarness.Start;

    private static async Task<(PathwayHarness H, Guid Episode)> AdmittedAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        return (h, episode);
    }

    [Fact]
    public async Task A_ten_day_hospitalisation_moves_the_renewal_and_the_overstay_ten_days_later()
    {
        var (h, episode) = await AdmittedAsync();
        await using var _ = h;
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);
        await h.AdvanceAsync(TimeSpan.FromDays(10));

        await h.SendAsync(new InterruptStayCommand(episode, InterruptionCause.Hospitalisation), h.Staff(DeviceType.Lhss, StaffRole.Nurse));

        Assert.Contains("stay-interrupted", await h.MilestonesAsync(episode));
        Assert.Equal(EpisodeStatus.Active, (await h.EpisodeAsync(episode)).Status);
        Assert.Equal(Start.AddDays(25), (await h.TaskAsync(episode, "interruptionReview")).DueAt);
        await Assert.ThrowsAsync<DomainException>(() => h.SendAsync(new InterruptStayCommand(episode, InterruptionCause.Other), coordinator));

        await h.AdvanceAsync(TimeSpan.FromDays(10));
        await h.CompleteAsync(episode, "interruptionReview", coordinator, new() { ["exitType"] = "returned", ["interruptionEndedAt"] = Start.AddDays(20).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") });

        Assert.Contains("stay-resumed", await h.MilestonesAsync(episode));
        // Planned end 5 March + 10 days: the renewal opens on 8 March (7 days before), not on 26 February.
        await h.AdvanceAsync(Start.AddMonths(2).AddDays(-7) - h.Clock.GetUtcNow());
        Assert.DoesNotContain(await h.OpenTasksAsync(episode), t => t.ElementId == "renewalDecision");
        await h.AdvanceAsync(TimeSpan.FromDays(10));
        Assert.Equal(Start.AddMonths(2).AddDays(10), (await h.TaskAsync(episode, "renewalDecision")).DueAt);
        Assert.DoesNotContain(await h.AlertsAsync(episode), a => a.Type == "overstay");
        await h.AdvanceAsync(TimeSpan.FromDays(8));
        Assert.Equal(Start.AddMonths(2).AddDays(10), Assert.Single(await h.AlertsAsync(episode), a => a.Type == "overstay").RaisedAt);
    }

    [Fact]
    public async Task A_person_who_dies_during_a_hospitalisation_leaves_through_the_death_exit_without_an_alert()
    {
        var (h, episode) = await AdmittedAsync();
        await using var _ = h;
        await h.AdvanceAsync(TimeSpan.FromDays(3));
        await h.SendAsync(new InterruptStayCommand(episode, InterruptionCause.Hospitalisation), h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        await h.AdvanceAsync(TimeSpan.FromDays(4));

        await h.CompleteAsync(episode, "interruptionReview", h.Staff(DeviceType.Lhss, StaffRole.Coordinator),
            new() { ["exitType"] = "death", ["interruptionEndedAt"] = Start.AddDays(6).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") });

        Assert.Equal(EpisodeStatus.Closed, (await h.EpisodeAsync(episode)).Status);
        Assert.DoesNotContain(await h.AlertsAsync(episode), a => a.Severity == "high");
    }

    [Fact]
    public async Task A_stay_not_yet_admitted_cannot_be_interrupted()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            h.SendAsync(new InterruptStayCommand(episode, InterruptionCause.Hospitalisation), h.Staff(DeviceType.Lhss, StaffRole.Coordinator)));
        Assert.Equal("Seul un séjour en cours peut être interrompu.", refused.Message);
    }
}
