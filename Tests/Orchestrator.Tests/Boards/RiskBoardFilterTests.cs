using Orchestrator.Application.Boards;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Boards;

public sealed class RiskBoardFilterTests
{
    [Fact]
    public async Task The_risk_board_keeps_the_alerts_of_the_chosen_departement_and_device_and_no_others()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episodeId = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episodeId, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episodeId, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.AdvanceAsync(TimeSpan.FromDays(20));
        var raised = (await h.AlertsAsync(episodeId)).Select(a => a.Id).ToList();
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);
        Assert.NotEmpty(raised);

        Assert.Equal(raised.Order(), (await h.SendAsync(new ListAlertsQuery(Department: "59"), coordinator)).Select(a => a.Id).Order());
        Assert.Empty(await h.SendAsync(new ListAlertsQuery(Department: "62"), coordinator));
        Assert.Equal(raised.Order(), (await h.SendAsync(new ListAlertsQuery(Device: DeviceType.Lhss), coordinator)).Select(a => a.Id).Order());
        Assert.Empty(await h.SendAsync(new ListAlertsQuery(Device: DeviceType.Act), coordinator));
        Assert.Empty(await h.SendAsync(new ListAlertsQuery(Department: "59", Device: DeviceType.Act), coordinator));
    }
}
