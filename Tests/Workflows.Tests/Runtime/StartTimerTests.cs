using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

public sealed class StartTimerTests
{
    private static string Weekly(string version, string cycle = "R3/P7D") => Process("weekly-review", $"""
        <bpmn:startEvent id="reviewDue">{Timer("timeCycle", cycle)}</bpmn:startEvent>
        <bpmn:userTask id="review{version}" /><bpmn:endEvent id="end" />
        {Flow("f1", "reviewDue", $"review{version}")}{Flow("f2", $"review{version}", "end")}
        """);

    private static async Task<List<string>> StartedAsync(WorkflowHarness h)
    {
        await using var db = await h.Db();
        return await db.Tasks.OrderBy(t => t.CreatedAt).Select(t => t.ElementId).ToListAsync();
    }

    [Fact]
    public async Task A_timer_start_event_starts_an_instance_at_each_occurrence_of_its_cycle_and_stops_after_the_last()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Weekly("A"));

        await h.AdvanceAsync(TimeSpan.FromDays(6));
        Assert.Empty(await StartedAsync(h));
        for (var week = 1; week <= 4; week++) await h.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.Equal(["reviewA", "reviewA", "reviewA"], await StartedAsync(h));
        Assert.Null(await h.Engine.NextTimerDueAsync());
    }

    [Fact]
    public async Task Publishing_a_new_version_replaces_the_pending_starts_of_the_old_one()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Weekly("A", "R/P7D"));
        await h.AdvanceAsync(TimeSpan.FromDays(7));
        await h.DeployAsync(Weekly("B", "R/P7D"));
        await h.AdvanceAsync(TimeSpan.FromDays(7));

        Assert.Equal(["reviewA", "reviewB"], await StartedAsync(h));
        await using var db = await h.Db();
        Assert.Single(await db.Bookmarks.Where(b => b.DefinitionId != null).ToListAsync());
    }
}
