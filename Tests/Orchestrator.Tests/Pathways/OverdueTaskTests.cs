using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Tasks;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>Nothing overdue goes unnoticed: a late task raises an alert, a very late one reaches the director, doing it settles both.</summary>
public sealed class OverdueTaskTests
{
    [Fact]
    public async Task A_medical_opinion_left_waiting_raises_a_late_task_alert_after_two_days_then_the_director_after_fourteen_and_doing_it_settles_both()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var due = (await h.TaskAsync(episode, "medicalOpinion")).DueAt!.Value;
        var scan = h.Services.GetRequiredService<OverdueTaskScan>();

        h.Clock.SetUtcNow(due + TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await scan.ScanAsync());
        h.Clock.SetUtcNow(due + TimeSpan.FromDays(2));
        Assert.Equal(1, await scan.ScanAsync());
        Assert.Equal(0, await scan.ScanAsync()); // raised once
        var late = Assert.Single(await h.AlertsAsync(episode), a => a.Type == OverdueTaskScan.Overdue);
        Assert.Equal(("medium", "medicalOpinion", due + TimeSpan.FromDays(2)), (late.Severity, late.ResolvedByTask, late.RaisedAt));
        Assert.Contains("attendue depuis le", late.Message);

        h.Clock.SetUtcNow(due + TimeSpan.FromDays(14));
        Assert.Equal(1, await scan.ScanAsync());
        var escalated = Assert.Single(await h.AlertsAsync(episode), a => a.Type == OverdueTaskScan.Escalated);
        Assert.Equal("high", escalated.Severity);

        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        Assert.All((await h.AlertsAsync(episode)).Where(a => a.Type.StartsWith("task-overdue")), a => Assert.Equal(AlertState.Resolved, a.State));
        Assert.Equal(0, await scan.ScanAsync());
    }

    [Fact]
    public async Task A_task_its_pathway_cancelled_no_longer_counts_as_late()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var due = (await h.TaskAsync(episode, "medicalOpinion")).DueAt!.Value;
        var scan = h.Services.GetRequiredService<OverdueTaskScan>();
        h.Clock.SetUtcNow(due + TimeSpan.FromDays(3));
        await scan.ScanAsync();

        await h.Engine.CancelInstanceAsync((await h.EpisodeAsync(episode)).InstanceId!.Value);
        await h.DrainAsync();
        await scan.ScanAsync();

        Assert.All((await h.AlertsAsync(episode)).Where(a => a.Type == OverdueTaskScan.Overdue), a => Assert.Equal(AlertState.Resolved, a.State));
    }
}
