using System.Text.Json.Nodes;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>Variables across call activities: explicit orc:in / orc:out, or a copy in and only what the callee wrote back.</summary>
public sealed class CallVariableTests
{
    private static async Task<JsonObject> VariablesAsync(WorkflowHarness h, Guid id) =>
        (JsonObject)JsonNode.Parse((await h.InstanceAsync(id)).Variables)!;

    private static async Task<Guid> ChildAsync(WorkflowHarness h, Guid parent, string definitionKey)
    {
        await using var db = await h.Db();
        return db.Instances.Single(i => i.ParentInstanceId == parent && i.DefinitionKey == definitionKey).Id;
    }

    [Fact]
    public async Task BH22_a_slower_callee_that_never_touched_a_variable_does_not_revert_what_its_sibling_set()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(EngineCases.Read("BH-22-parallel-call-activities-variables-housing"));
        await h.DeployAsync(EngineCases.Read("BH-22-parallel-call-activities-variables-medical"));
        var key = await h.DeployAsync(EngineCases.Read("BH-22-parallel-call-activities-variables"));
        var id = await h.Engine.StartAsync(key, new Dictionary<string, object?> { ["housingDecision"] = "pending" });

        var housing = await ChildAsync(h, id, "bh22housing");
        var medical = await ChildAsync(h, id, "bh22medical");
        await h.CompleteAsync(housing, "decideHousing", new Dictionary<string, object?> { ["housingDecision"] = "accepted" });
        Assert.Equal("accepted", (await VariablesAsync(h, id))["housingDecision"]!.GetValue<string>());
        await h.CompleteAsync(medical, "medicalReview", new Dictionary<string, object?> { ["fitForHousing"] = true });

        var variables = await VariablesAsync(h, id);
        Assert.Equal("accepted", variables["housingDecision"]!.GetValue<string>());
        Assert.True(variables["fitForHousing"]!.GetValue<bool>());
        Assert.Contains("completed:endHoused", await h.TraceAsync(id));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    private static string Callee => Process("assess", $"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="score"><bpmn:extensionElements><orc:field name="score" type="number" /></bpmn:extensionElements></bpmn:userTask>
        <bpmn:endEvent id="e" />{Flow("a", "s", "score")}{Flow("b", "score", "e")}
        """);

    private static string Caller(string mappings) => Process("caller", $"""
        <bpmn:startEvent id="start" />
        <bpmn:callActivity id="call" calledElement="assess"><bpmn:extensionElements>{mappings}</bpmn:extensionElements></bpmn:callActivity>
        <bpmn:userTask id="after" /><bpmn:endEvent id="end" />
        {Flow("f0", "start", "call")}{Flow("f1", "call", "after")}{Flow("f2", "after", "end")}
        """);

    [Fact]
    public async Task Explicit_mappings_give_the_callee_only_what_they_name_and_bring_back_only_what_they_name()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Callee);
        await h.DeployAsync(Caller("""
            <orc:in source="personAlias" target="alias" /><orc:in expression="${age + 1}" target="nextAge" />
            <orc:out source="score" target="assessmentScore" /><orc:out expression="${score > 10}" target="severe" />
            """));
        var id = await h.Engine.StartAsync("caller", new Dictionary<string, object?> { ["personAlias"] = "M. K.", ["age"] = 54, ["secret"] = "x" });

        var child = await ChildAsync(h, id, "assess");
        var given = await VariablesAsync(h, child);
        Assert.Equal(["alias", "nextAge"], given.Select(p => p.Key).Order());
        Assert.Equal(55, given["nextAge"]!.GetValue<double>());

        await h.CompleteAsync(child, "score", new Dictionary<string, object?> { ["score"] = 12 });

        var back = await VariablesAsync(h, id);
        Assert.Equal(12, back["assessmentScore"]!.GetValue<double>());
        Assert.True(back["severe"]!.GetValue<bool>());
        Assert.False(back.ContainsKey("score"));
        Assert.False(back.ContainsKey("alias"));
    }

    [Fact]
    public async Task Without_mappings_the_callee_gets_a_copy_and_only_the_variables_it_wrote_come_back()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Callee);
        await h.DeployAsync(Caller(""));
        var id = await h.Engine.StartAsync("caller", new Dictionary<string, object?> { ["age"] = 54 });
        var child = await ChildAsync(h, id, "assess");
        Assert.Equal(54, (await VariablesAsync(h, child))["age"]!.GetValue<double>());

        // Meanwhile the caller's age changes (an answer from elsewhere); the callee's stale copy must not come back.
        await using (var db = await h.Db())
        {
            var parent = db.Instances.Single(i => i.Id == id);
            parent.Variables = """{"age":55}""";
            await db.SaveChangesAsync();
        }
        await h.CompleteAsync(child, "score", new Dictionary<string, object?> { ["score"] = 3 });

        var back = await VariablesAsync(h, id);
        Assert.Equal(55, back["age"]!.GetValue<double>());
        Assert.Equal(3, back["score"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_mapping_from_a_variable_that_does_not_exist_fails_the_step_naming_the_call_activity()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Callee);
        await h.DeployAsync(Caller("""<orc:in source="missing" target="x" />"""));

        var error = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("caller"));

        Assert.Equal("call", error.ElementId);
        Assert.Contains("orc:in 'x' reads variable 'missing', which does not exist", error.Reason);
    }

    [Theory]
    [InlineData("""<orc:in target="x" />""", "needs either source")]
    [InlineData("""<orc:in source="a" expression="${b}" target="x" />""", "needs either source")]
    [InlineData("""<orc:out source="a b" />""", "is not one")]
    [InlineData("""<orc:out expression="a + 1" target="x" />""", "it is not a ${…} expression")]
    [InlineData("""<orc:in source="a" target="x" /><orc:in source="b" target="x" />""", "maps target 'x' twice")]
    public void Malformed_mappings_are_refused_with_the_call_activity_and_the_line(string mappings, string reason)
    {
        var problems = BpmnParser.Validate(Caller(mappings));
        Assert.Contains(problems, p => p.ElementId == "call" && p.Line > 0 && p.Reason.Contains(reason));
    }

    [Fact]
    public void Mappings_on_anything_but_a_call_activity_are_refused()
    {
        var problems = BpmnParser.Validate(Process("p", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="task"><bpmn:extensionElements><orc:in source="a" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />{Flow("a", "start", "task")}{Flow("b", "task", "end")}
            """));
        Assert.Contains(problems, p => p.ElementId == "task" && p.Reason.Contains("is not one"));
    }

    [Fact]
    public async Task A_callee_s_loop_that_only_reads_a_caller_variable_does_not_send_it_back_over_the_caller_s_newer_value()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("proposals", $"""
            <bpmn:startEvent id="cs" />
            <bpmn:userTask id="prepare">
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{structures}"}" orc:elementVariable="structure" orc:outputCollection="summary" orc:outputElement="${"{structure + ' ' + approved}"}" />
            </bpmn:userTask>
            <bpmn:endEvent id="ce" />{Flow("c0", "cs", "prepare")}{Flow("c1", "prepare", "ce")}
            """));
        await h.DeployAsync(Process("caller", $"""
            <bpmn:startEvent id="start" /><bpmn:parallelGateway id="split" />
            <bpmn:callActivity id="callProposals" calledElement="proposals" />
            <bpmn:userTask id="approve"><bpmn:extensionElements><orc:field name="approved" type="boolean" required="true" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:parallelGateway id="join" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "split")}{Flow("f1", "split", "callProposals")}{Flow("f2", "split", "approve")}
            {Flow("f3", "callProposals", "join")}{Flow("f4", "approve", "join")}{Flow("f5", "join", "end")}
            """));
        var id = await h.Engine.StartAsync("caller", new Dictionary<string, object?> { ["structures"] = new[] { "LHSS", "ACT" }, ["approved"] = false });
        var child = await ChildAsync(h, id, "proposals");

        await h.CompleteAsync(id, "approve", new Dictionary<string, object?> { ["approved"] = true });
        while ((await h.OpenTasksAsync(child)).FirstOrDefault() is { } task) await h.Engine.CompleteTaskAsync(task.Id);

        // The callee wrote its summary, not « approved », which it only read: the caller's answer stands.
        var back = await VariablesAsync(h, id);
        Assert.True(back["approved"]!.GetValue<bool>());
        Assert.Equal("""["LHSS false","ACT false"]""", back["summary"]!.ToJsonString());
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }
}
