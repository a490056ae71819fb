using Orchestrator.Application.Boards;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Boards;

/// <summary>The risk board's pages: cut by the database in the list's own order, with the total the pager shows.</summary>
public sealed class AlertBoardQueryTests
{
    private static async Task<(PathwayHarness H, StaffMember Coordinator)> ThreePeopleWithAlertsAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        for (var i = 0; i < 3; i++)
        {
            var episode = await h.ReferAsync(DeviceType.Lhss);
            await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
            await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
            await h.AdvanceAsync(TimeSpan.FromDays(1));
        }
        await h.AdvanceAsync(TimeSpan.FromDays(65)); // past the planned end: DIPC, late tasks, overstays, of every severity
        return (h, h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
    }

    [Fact]
    public async Task Pages_of_the_risk_board_follow_one_another_in_the_order_of_the_whole_list_with_its_total()
    {
        var (h, coordinator) = await ThreePeopleWithAlertsAsync();
        await using var _ = h;
        var whole = (await h.SendAsync(new ListAlertsQuery(), coordinator)).Select(a => a.Id).ToList();
        Assert.True(whole.Count >= 5, $"{whole.Count} alerts");

        var pages = new List<Guid>();
        for (var page = 0; page * 2 < whole.Count; page++)
        {
            var board = await h.SendAsync(new AlertBoardQuery(Page: page, PageSize: 2), coordinator);
            Assert.Equal(whole.Count, board.Total);
            pages.AddRange(board.Items.Select(a => a.Id));
        }

        // Same alerts, same order: overdue first, then by severity, then by due time (ties may fall either side only when both agree on them).
        var view = (await h.SendAsync(new ListAlertsQuery(), coordinator)).ToDictionary(a => a.Id);
        Assert.Equal(whole.Order(), pages.Order());
        Assert.Equal(whole.Select(id => (view[id].Overdue, view[id].Severity, view[id].DueAt)), pages.Select(id => (view[id].Overdue, view[id].Severity, view[id].DueAt)));
    }

    [Fact]
    public async Task A_filtered_page_counts_only_what_the_filter_keeps_and_offers_the_structures_of_the_teams_alerts()
    {
        var (h, coordinator) = await ThreePeopleWithAlertsAsync();
        await using var _ = h;

        var dipc = await h.SendAsync(new AlertBoardQuery(Type: "dipc-late", PageSize: 1), coordinator);
        var elsewhere = await h.SendAsync(new AlertBoardQuery(Device: DeviceType.Act), coordinator);

        Assert.Equal(3, dipc.Total);
        Assert.Equal("dipc-late", Assert.Single(dipc.Items).Type);
        Assert.Equal((0, 0), (elsewhere.Total, elsewhere.Items.Count));
        Assert.Equal(h.Structures[DeviceType.Lhss].Id, Assert.Single(dipc.Structures).Id);
    }

    [Theory]
    [InlineData(-1, 25, "page")]
    [InlineData(0, 0, "pageSize")]
    [InlineData(0, 500, "pageSize")]
    [InlineData(1073741824, 2, "page")]
    [InlineData(int.MaxValue, 200, "page")]
    public async Task A_page_outside_its_bounds_is_refused_on_the_field_at_fault(int page, int size, string field)
    {
        await using var h = await PathwayHarness.CreateAsync();

        var refusal = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            h.SendAsync(new AlertBoardQuery(Page: page, PageSize: size), h.Staff(DeviceType.Lhss, StaffRole.Coordinator)));

        Assert.Equal(field, Assert.Single(refusal.Errors).PropertyName);
    }
}
