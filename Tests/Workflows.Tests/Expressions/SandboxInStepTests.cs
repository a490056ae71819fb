using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Expressions;

/// <summary>An expression stopped by the sandbox inside a step fails that step visibly and writes nothing.</summary>
public sealed class SandboxInStepTests
{
    private static string Gate(string condition) => Process("gate", $"""
        <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait">{Timer("timeDuration", "P1D")}</bpmn:intermediateCatchEvent>
        <bpmn:exclusiveGateway id="gw" default="toEnd" />
        <bpmn:userTask id="review" orc:role="referent" />
        <bpmn:endEvent id="end" />
        {Flow("f1", "start", "wait")}{Flow("f2", "wait", "gw")}{Flow("toReview", "gw", "review", condition)}{Flow("toEnd", "gw", "end")}
        """);

    [Theory]
    [InlineData("${'x'.repeat(1e9).length > 0}", "repeat would build a string of more than")]
    [InlineData("${/^(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')}", "regular expression ran longer than")]
    public async Task A_timer_step_whose_condition_exceeds_the_sandbox_becomes_an_incident_naming_the_limit(string condition, string reason)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Gate(condition));
        var id = await h.Engine.StartAsync("gate");

        await h.AdvanceAsync(TimeSpan.FromDays(1));

        await using var db = await h.Db();
        var incident = db.Incidents.Single();
        Assert.Equal("gw", incident.ElementId); // the gateway whose condition could not be decided, not the timer that led there
        Assert.Contains(reason, incident.Message);
        Assert.Single(db.Bookmarks); // the step was rolled back: the timer still waits
        Assert.Empty(await h.OpenTasksAsync(id));
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task Starting_an_instance_whose_first_condition_exceeds_the_sandbox_is_refused_and_nothing_is_written()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("direct", $"""
            <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" default="toEnd" /><bpmn:endEvent id="end" /><bpmn:endEvent id="other" />
            {Flow("f1", "start", "gw")}{Flow("toOther", "gw", "other", "${'ab'.padEnd(1e9) !== ''}")}{Flow("toEnd", "gw", "end")}
            """));

        var error = await Assert.ThrowsAnyAsync<WorkflowException>(() => h.Engine.StartAsync("direct"));

        Assert.Contains("padEnd would build a string of more than", error.Message);
        Assert.Contains("'gw'", error.Message);
        await using var db = await h.Db();
        Assert.Empty(db.Instances);
    }
}
