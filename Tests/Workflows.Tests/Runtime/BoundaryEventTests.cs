using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

public sealed class BoundaryEventTests
{
    private const string PersonKey = "${person}";

    private static string Admission(string cancelActivity, string timer) => Process("admission", $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="review" name="Avis médical" orc:role="doctor" />
        <bpmn:boundaryEvent id="late" attachedToRef="review" cancelActivity="{cancelActivity}">{timer}</bpmn:boundaryEvent>
        <bpmn:userTask id="escalate" name="Relancer" />
        <bpmn:endEvent id="end" /><bpmn:endEvent id="escalated" />
        {Flow("f1", "start", "review")}{Flow("f2", "review", "end")}{Flow("f3", "late", "escalate")}{Flow("f4", "escalate", "escalated")}
        """);

    [Fact]
    public async Task An_interrupting_timer_cancels_the_task_it_sits_on_and_takes_its_own_path()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Admission("true", Timer("timeDuration", "PT48H")));
        var id = await h.Engine.StartAsync("admission");

        await h.AdvanceAsync(TimeSpan.FromHours(47));
        Assert.Equal(["review"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));

        await h.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(["escalate"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Equal(HumanTaskStatus.Cancelled, (await h.TaskAsync(id, "review")).Status);
        Assert.Equal(["entered:start", "completed:start", "entered:review", "cancelled:review", "entered:late", "completed:late", "entered:escalate"],
            await h.TraceAsync(id));
    }

    [Fact]
    public async Task Completing_the_task_first_withdraws_its_boundary_timer()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Admission("true", Timer("timeDuration", "PT48H")));
        var id = await h.Engine.StartAsync("admission");
        await h.CompleteAsync(id, "review");

        await using var db = await h.Db();
        Assert.Empty(db.Bookmarks);
        await h.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.DoesNotContain("entered:late", await h.TraceAsync(id));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")] // xsd:boolean: read as "not the text false", it interrupted the review it was drawn to leave open
    [InlineData(" false ")]
    public async Task A_non_interrupting_timer_cycle_fires_each_repetition_and_leaves_the_task_open(string cancelActivity)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Admission(cancelActivity, Timer("timeCycle", "R3/P1D")));
        var id = await h.Engine.StartAsync("admission");

        for (var day = 1; day <= 5; day++) await h.AdvanceAsync(TimeSpan.FromDays(1));

        var open = (await h.OpenTasksAsync(id)).Select(t => t.ElementId).ToList();
        Assert.Equal(1, open.Count(e => e == "review"));
        Assert.Equal(3, open.Count(e => e == "escalate"));
        Assert.Equal(3, (await h.TraceAsync(id)).Count(e => e == "completed:late"));
    }

    [Fact]
    public async Task An_interrupting_boundary_event_on_a_sub_process_cancels_everything_inside_it()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("stay", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="care">
              <bpmn:startEvent id="careStart" /><bpmn:parallelGateway id="fork" />
              <bpmn:userTask id="nursing" /><bpmn:userTask id="social" />
              <bpmn:parallelGateway id="join" /><bpmn:endEvent id="careEnd" />
              {Flow("c1", "careStart", "fork")}{Flow("c2", "fork", "nursing")}{Flow("c3", "fork", "social")}
              {Flow("c4", "nursing", "join")}{Flow("c5", "social", "join")}{Flow("c6", "join", "careEnd")}
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="stayEnds" attachedToRef="care">{Timer("timeDuration", "P2M")}</bpmn:boundaryEvent>
            <bpmn:userTask id="renewal" /><bpmn:endEvent id="end" /><bpmn:endEvent id="renewed" />
            {Flow("f1", "start", "care")}{Flow("f2", "care", "end")}{Flow("f3", "stayEnds", "renewal")}{Flow("f4", "renewal", "renewed")}
            """));
        var id = await h.Engine.StartAsync("stay");
        await h.CompleteAsync(id, "social");
        await h.AdvanceAsync(TimeSpan.FromDays(62));

        Assert.Equal(["renewal"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        var trace = await h.TraceAsync(id);
        Assert.Contains("cancelled:nursing", trace);
        Assert.Contains("cancelled:care", trace);
        Assert.DoesNotContain("completed:care", trace);
        await h.CompleteAsync(id, "renewal");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_sub_process_completes_when_its_last_token_ends_and_removes_its_boundary_timer()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("sub", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="care"><bpmn:startEvent id="s" /><bpmn:userTask id="work" /><bpmn:endEvent id="e" />
              {Flow("c1", "s", "work")}{Flow("c2", "work", "e")}</bpmn:subProcess>
            <bpmn:boundaryEvent id="late" attachedToRef="care">{Timer("timeDuration", "P1D")}</bpmn:boundaryEvent>
            <bpmn:userTask id="after" /><bpmn:endEvent id="end" /><bpmn:endEvent id="lateEnd" />
            {Flow("f1", "start", "care")}{Flow("f2", "care", "after")}{Flow("f3", "after", "end")}{Flow("f4", "late", "lateEnd")}
            """));
        var id = await h.Engine.StartAsync("sub");
        await h.CompleteAsync(id, "work");
        Assert.Equal(["after"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        await using var db = await h.Db();
        Assert.DoesNotContain(db.Bookmarks, b => b.Kind == BookmarkKind.Timer);
        Assert.Contains("completed:care", await h.TraceAsync(id));
    }

    [Fact]
    public async Task An_interrupting_message_boundary_event_stops_the_task_when_the_message_arrives()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("discharge", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="care" />
            <bpmn:boundaryEvent id="leftAgainstAdvice" attachedToRef="care" orc:correlationKey="{PersonKey}"><bpmn:messageEventDefinition messageRef="M1" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="end" /><bpmn:endEvent id="left" />
            {Flow("f1", "start", "care")}{Flow("f2", "care", "end")}{Flow("f3", "leftAgainstAdvice", "left")}
            """, Message("M1", "departure")));
        var id = await h.Engine.StartAsync("discharge", new Dictionary<string, object?> { ["person"] = "P-17" });
        var other = await h.Engine.StartAsync("discharge", new Dictionary<string, object?> { ["person"] = "P-18" });

        var outcome = await h.Engine.PublishMessageAsync("departure", "P-17");

        Assert.Equal(id, outcome.InstanceId);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(other)).Status);
        Assert.Contains("completed:left", await h.TraceAsync(id));
    }
}
