using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>Link events: a throw jumps to the catch of the same name in the same scope, like an off-page connector.</summary>
public sealed class LinkEventTests
{
    private static string Linked(string catchName = "suivi", string extra = "") => Process("p", $"""
        <bpmn:startEvent id="start" /><bpmn:userTask id="admit" />
        <bpmn:intermediateThrowEvent id="toFollowUp"><bpmn:linkEventDefinition name="suivi" /></bpmn:intermediateThrowEvent>
        <bpmn:intermediateCatchEvent id="fromAdmission"><bpmn:linkEventDefinition name="{catchName}" /></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="followUp" /><bpmn:endEvent id="end" />
        {Flow("f0", "start", "admit")}{Flow("f1", "admit", "toFollowUp")}{Flow("f2", "fromAdmission", "followUp")}{Flow("f3", "followUp", "end")}
        {extra}
        """);

    [Fact]
    public async Task A_link_throw_continues_at_the_catch_of_the_same_name()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Linked());
        var id = await h.Engine.StartAsync("p");

        await h.CompleteAsync(id, "admit");
        await h.CompleteAsync(id, "followUp");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        var trace = await h.TraceAsync(id);
        Assert.True(trace.IndexOf("completed:toFollowUp") < trace.IndexOf("completed:fromAdmission"));
    }

    [Fact]
    public void A_link_throw_without_its_catch_is_refused_naming_the_throw_and_the_name()
    {
        var problem = Assert.Single(BpmnParser.Validate(Linked(catchName: "autre")));

        Assert.Equal("toFollowUp", problem.ElementId);
        Assert.Contains("no link catch event named 'suivi'", problem.Reason);
    }

    [Fact]
    public void A_link_catch_with_an_incoming_flow_is_refused()
    {
        var problems = BpmnParser.Validate(Linked(extra: Flow("f4", "start", "fromAdmission")));

        Assert.Contains(problems, p => p.ElementId == "fromAdmission" && p.Reason.Contains("cannot have incoming sequence flows"));
    }
}
