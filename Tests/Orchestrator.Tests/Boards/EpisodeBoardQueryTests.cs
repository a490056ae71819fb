using Orchestrator.Application.Boards;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Boards;

/// <summary>The dashboard's « Tous les épisodes » pages: cut by the server in next-deadline order, with the totals the pager and counters show.</summary>
public sealed class EpisodeBoardQueryTests
{
    /// <summary>
    /// Two episodes admitted first (their next deadlines lie weeks ahead), then three referred a minute apart, waiting for the medical
    /// opinion due two days later: the list must put the last three first although they were created last.
    /// </summary>
    private static async Task<(PathwayHarness H, StaffMember Coordinator, List<Guid> Admitted, List<Guid> Waiting)> FiveEpisodesAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        var admitted = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var episode = await h.ReferAsync(DeviceType.Lhss);
            await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
            await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
            admitted.Add(episode);
        }
        var waiting = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            await h.AdvanceAsync(TimeSpan.FromMinutes(1));
            waiting.Add(await h.ReferAsync(DeviceType.Lhss));
        }
        return (h, h.Staff(DeviceType.Lhss, StaffRole.Coordinator), admitted, waiting);
    }

    [Fact]
    public async Task Pages_of_two_follow_one_another_soonest_deadline_first_with_the_total_and_the_counts_by_stage()
    {
        var (h, coordinator, admitted, waiting) = await FiveEpisodesAsync();
        await using var _ = h;

        var pages = new List<EpisodePage>();
        for (var page = 0; page < 3; page++) pages.Add(await h.SendAsync(new ListEpisodesQuery(Page: page, PageSize: 2), coordinator));

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal(5, p.Total));
        Assert.All(pages, p => Assert.Equal((2, 3), (p.Stages[nameof(EpisodeStage.Stay)], p.Stages[nameof(EpisodeStage.Entry)])));
        var rows = pages.SelectMany(p => p.Items).ToList();
        // The three waiting for the medical opinion come first, in the order their opinions fall due; the admitted two after them.
        Assert.Equal(waiting, rows.Take(3).Select(r => r.Id));
        foreach (var row in rows.Take(3))
            Assert.Equal(("Avis du médecin responsable", (await h.TaskAsync(row.Id, "medicalOpinion")).DueAt), (row.NextDeadline, row.NextDeadlineAt));
        Assert.Equal(admitted.Order(), rows.Skip(3).Select(r => r.Id).Order());
        Assert.All(rows.Skip(3), r => Assert.True(r.NextDeadlineAt > rows[2].NextDeadlineAt));
        Assert.Equal(rows.Select(r => r.NextDeadlineAt).Order(), rows.Select(r => r.NextDeadlineAt));
        // A page past the end is empty but still counts the whole list.
        var beyond = await h.SendAsync(new ListEpisodesQuery(Page: 3, PageSize: 2), coordinator);
        Assert.Equal((0, 5), (beyond.Items.Count, beyond.Total));
    }

    [Fact]
    public async Task A_stage_filter_counts_only_that_stage_while_the_counts_by_stage_stay_those_of_the_team()
    {
        var (h, coordinator, admitted, _) = await FiveEpisodesAsync();
        await using var _h = h;

        var stay = await h.SendAsync(new ListEpisodesQuery(Stage: EpisodeStage.Stay, PageSize: 1), coordinator);
        var elsewhere = await h.SendAsync(new ListEpisodesQuery(StructureId: h.Structures[DeviceType.Act].Id), coordinator);

        Assert.Equal(2, stay.Total);
        Assert.Contains(Assert.Single(stay.Items).Id, admitted);
        Assert.Equal((2, 3), (stay.Stages[nameof(EpisodeStage.Stay)], stay.Stages[nameof(EpisodeStage.Entry)]));
        Assert.Equal((0, 0), (elsewhere.Total, elsewhere.Items.Count));
        Assert.All(elsewhere.Stages.Values, count => Assert.Equal(0, count));
    }

    [Theory]
    [InlineData(-1, 25, "page")]
    [InlineData(0, 0, "pageSize")]
    [InlineData(0, 201, "pageSize")]
    [InlineData(int.MaxValue, 200, "page")]
    public async Task A_page_outside_its_bounds_is_refused_on_the_field_at_fault(int page, int size, string field)
    {
        await using var h = await PathwayHarness.CreateAsync();

        var refusal = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            h.SendAsync(new ListEpisodesQuery(Page: page, PageSize: size), h.Staff(DeviceType.Lhss, StaffRole.Coordinator)));

        Assert.Equal(field, Assert.Single(refusal.Errors).PropertyName);
    }
}
