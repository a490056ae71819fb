using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>Conditional events: an intermediate catch or boundary event that occurs when its condition becomes true.</summary>
public sealed class ConditionalEventTests
{
    private static string Conditional(string condition) =>
        $"""<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">{condition}</bpmn:condition></bpmn:conditionalEventDefinition>""";

    private static readonly Dictionary<string, object?> Calm = new() { ["score"] = 0 };

    /// <summary>The score is assessed beside a catch that waits for it to reach 10.</summary>
    private static string WaitForScore() => Process("watch", $"""
        <bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
        <bpmn:userTask id="assess"><bpmn:extensionElements><orc:field name="score" type="number" /></bpmn:extensionElements></bpmn:userTask>
        <bpmn:endEvent id="assessed" />
        <bpmn:intermediateCatchEvent id="high">{Conditional("${score >= 10}")}</bpmn:intermediateCatchEvent>
        <bpmn:userTask id="alert" /><bpmn:endEvent id="alerted" />
        {Flow("a", "start", "fork")}{Flow("b", "fork", "assess")}{Flow("c", "assess", "assessed")}
        {Flow("d", "fork", "high")}{Flow("e", "high", "alert")}{Flow("f", "alert", "alerted")}
        """);

    [Fact]
    public async Task An_intermediate_conditional_catch_waits_until_a_step_makes_its_condition_true()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(WaitForScore());
        var id = await h.Engine.StartAsync("watch", Calm);
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "alert");

        await h.CompleteAsync(id, "assess", new Dictionary<string, object?> { ["score"] = 12 });

        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "alert");
        Assert.Contains("completed:high", await h.TraceAsync(id));
    }

    [Fact]
    public async Task A_conditional_catch_whose_score_holds_nothing_yet_waits_for_it_rather_than_fail_and_one_holding_a_text_fails()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(WaitForScore());
        var id = await h.Engine.StartAsync("watch", new Dictionary<string, object?> { ["score"] = null });

        await h.CompleteAsync(id, "assess", new Dictionary<string, object?> { ["score"] = 12 });

        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "alert");
        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("watch", new Dictionary<string, object?> { ["score"] = "élevé" }));
        Assert.Contains("compares the text 'élevé' with the number", refused.Message);
    }

    /// <summary>A catch on <paramref name="condition"/> beside a task that answers <c>urgent</c>, <c>score</c> or <c>assessment</c>.</summary>
    private static string WaitFor(string condition) => Process("watch", $"""
        <bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
        <bpmn:userTask id="assess"><bpmn:extensionElements><orc:field name="urgent" type="boolean" /><orc:field name="score" type="number" /><orc:field name="level" type="text" /></bpmn:extensionElements></bpmn:userTask>
        <bpmn:endEvent id="assessed" />
        <bpmn:intermediateCatchEvent id="high">{Conditional(System.Security.SecurityElement.Escape(condition))}</bpmn:intermediateCatchEvent>
        <bpmn:userTask id="alert" /><bpmn:endEvent id="alerted" />
        {Flow("a", "start", "fork")}{Flow("b", "fork", "assess")}{Flow("c", "assess", "assessed")}
        {Flow("d", "fork", "high")}{Flow("e", "high", "alert")}{Flow("f", "alert", "alerted")}
        """);

    [Theory]
    [InlineData("${score > 8 || urgent === true}")]
    [InlineData("${urgent === true || score > 8}")]
    [InlineData("${!(score <= 8) || urgent}")]
    [InlineData("${score - 2 >= 8 || urgent === true}")] // a number computed from the score still null is not known either
    [InlineData("${Math.max(score, 3) >= 8 || urgent === true}")]
    public async Task A_condition_true_whatever_an_operand_still_null_turns_out_to_be_occurs_without_waiting_for_it(string condition)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(WaitFor(condition));
        var id = await h.Engine.StartAsync("watch", new Dictionary<string, object?> { ["score"] = null, ["urgent"] = null });
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "alert");

        await h.CompleteAsync(id, "assess", new Dictionary<string, object?> { ["urgent"] = true });

        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "alert");
    }

    [Theory]
    [InlineData("${score > 8 && urgent === true}")]
    [InlineData("${!(score > 8) && urgent === true}")]
    [InlineData("${score > 8 || !(score > 3) || urgent === false}")]
    [InlineData("${score * 2 > 8 && urgent === true}")]
    public async Task A_condition_whose_answer_still_depends_on_an_operand_that_holds_nothing_waits_for_it(string condition)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(WaitFor(condition));
        var id = await h.Engine.StartAsync("watch", new Dictionary<string, object?> { ["score"] = null, ["urgent"] = null });

        await h.CompleteAsync(id, "assess", new Dictionary<string, object?> { ["urgent"] = true });

        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "alert");
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_condition_reading_a_property_the_object_does_not_have_fails_naming_the_event_rather_than_wait_for_ever()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(WaitFor("${assessment.scor > 8}"));

        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("watch",
            new Dictionary<string, object?> { ["assessment"] = new Dictionary<string, object?> { ["score"] = 10 } }));

        Assert.Equal("high", refused.ElementId);
        Assert.Contains("nothing (undefined)", refused.Message);
    }

    [Fact]
    public async Task A_misspelt_property_compared_with_a_value_fails_naming_the_event_rather_than_occur_whatever_the_data_says()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(WaitFor("${assessment.urgnet != false}"));

        // JavaScript says undefined != false: the catch would occur at once although the assessment says « not urgent ».
        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("watch",
            new Dictionary<string, object?> { ["assessment"] = new Dictionary<string, object?> { ["urgent"] = false } }));

        Assert.Equal("high", refused.ElementId);
        Assert.Contains("assessment.urgnet != false compares nothing (undefined) with false", refused.Message);
    }

    [Theory]
    [InlineData("${urgent !== true}", false)]
    [InlineData("${urgent != true}", false)]
    [InlineData("${urgent === false}", false)]
    [InlineData("${urgent !== false}", true)]
    public async Task An_equality_on_an_answer_not_given_yet_waits_for_the_answer_rather_than_decide_on_nothing(string condition, bool answer)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(WaitFor(condition));
        var id = await h.Engine.StartAsync("watch", new Dictionary<string, object?> { ["urgent"] = null });
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "alert");

        await h.CompleteAsync(id, "assess", new Dictionary<string, object?> { ["urgent"] = answer });

        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "alert");
    }

    [Theory]
    [InlineData("${!['leger', 'modere'].includes(level)}")]
    [InlineData("${['leger', 'modere'].indexOf(level) === -1}")]
    [InlineData("${['leger', 'modere'].lastIndexOf(level) < 0 && urgent !== true}")]
    [InlineData("${parseInt(level) !== 1}")]
    public async Task A_search_or_a_parse_of_an_answer_not_given_yet_waits_for_the_answer_rather_than_occur_at_once(string condition)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(WaitFor(condition));
        var id = await h.Engine.StartAsync("watch", new Dictionary<string, object?> { ["urgent"] = null, ["level"] = null });

        // JavaScript finds nothing (or NaN) while the level holds nothing: the alert would be raised before anyone assessed.
        Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "alert");

        await h.CompleteAsync(id, "assess", new Dictionary<string, object?> { ["urgent"] = false, ["level"] = "3" });

        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "alert");
    }

    [Fact]
    public async Task A_conditional_catch_whose_condition_already_holds_passes_at_once()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(WaitForScore());

        var id = await h.Engine.StartAsync("watch", new Dictionary<string, object?> { ["score"] = 15 });

        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "alert");
    }

    [Fact]
    public async Task An_event_based_gateway_races_a_condition_against_a_timer_and_the_condition_that_becomes_true_wins()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("race", $"""
            <bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
            <bpmn:userTask id="assess"><bpmn:extensionElements><orc:field name="score" type="number" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="assessed" />
            <bpmn:eventBasedGateway id="which" />
            <bpmn:intermediateCatchEvent id="high">{Conditional("${score >= 10}")}</bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="week">{Timer("timeDuration", "P7D")}</bpmn:intermediateCatchEvent>
            <bpmn:userTask id="alert" /><bpmn:endEvent id="alerted" /><bpmn:endEvent id="quiet" />
            {Flow("a", "start", "fork")}{Flow("b", "fork", "assess")}{Flow("c", "assess", "assessed")}
            {Flow("d", "fork", "which")}{Flow("e", "which", "high")}{Flow("g", "which", "week")}
            {Flow("h", "high", "alert")}{Flow("i", "alert", "alerted")}{Flow("j", "week", "quiet")}
            """));
        var id = await h.Engine.StartAsync("race", Calm);

        await h.CompleteAsync(id, "assess", new Dictionary<string, object?> { ["score"] = 12 });

        Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "alert");
        Assert.Null(await h.Engine.NextTimerDueAsync()); // the week's timer lost the race and is gone
        Assert.DoesNotContain("completed:week", await h.TraceAsync(id));
    }

    [Fact]
    public async Task A_condition_already_true_after_an_event_based_gateway_passes_the_gateway_and_its_event_in_the_history()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("already", $"""
            <bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="which" />
            <bpmn:intermediateCatchEvent id="high">{Conditional("${score >= 10}")}</bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="week">{Timer("timeDuration", "P7D")}</bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="alerted" /><bpmn:endEvent id="quiet" />
            {Flow("a", "start", "which")}{Flow("e", "which", "high")}{Flow("g", "which", "week")}{Flow("h", "high", "alerted")}{Flow("j", "week", "quiet")}
            """));

        var id = await h.Engine.StartAsync("already", new Dictionary<string, object?> { ["score"] = 12 });

        Assert.Equal(["entered:start", "completed:start", "entered:which", "completed:which", "entered:high", "completed:high", "entered:alerted", "completed:alerted"],
            await h.TraceAsync(id));
    }

    /// <summary>A stay of two steps, watched by a conditional boundary that fires when the person is declared deceased.</summary>
    private static string Stay(bool interrupting) => Process("stay", $"""
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="stage">
          <bpmn:startEvent id="s" />
          <bpmn:userTask id="admit"><bpmn:extensionElements><orc:field name="deceased" type="boolean" /></bpmn:extensionElements></bpmn:userTask>
          <bpmn:userTask id="followUp"><bpmn:extensionElements><orc:field name="deceased" type="boolean" /></bpmn:extensionElements></bpmn:userTask>
          <bpmn:endEvent id="e" />
          {Flow("s1", "s", "admit")}{Flow("s2", "admit", "followUp")}{Flow("s3", "followUp", "e")}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="death" attachedToRef="stage" cancelActivity="{(interrupting ? "true" : "false")}">{Conditional("${deceased === true}")}</bpmn:boundaryEvent>
        <bpmn:userTask id="close" /><bpmn:endEvent id="closed" /><bpmn:endEvent id="done" />
        {Flow("a", "start", "stage")}{Flow("b", "stage", "done")}{Flow("c", "death", "close")}{Flow("d", "close", "closed")}
        """);

    [Fact]
    public async Task An_interrupting_conditional_boundary_ends_its_activity_in_the_step_that_makes_it_true()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay(interrupting: true));
        var id = await h.Engine.StartAsync("stay", new Dictionary<string, object?> { ["deceased"] = false });

        await h.CompleteAsync(id, "admit", new Dictionary<string, object?> { ["deceased"] = true });

        Assert.Equal(["close"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        var trace = await h.TraceAsync(id);
        Assert.DoesNotContain("entered:followUp", trace);
        Assert.Contains("cancelled:stage", trace);
    }

    [Fact]
    public async Task A_non_interrupting_conditional_boundary_occurs_when_its_condition_becomes_true_not_at_every_step_it_stays_true()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay(interrupting: false));
        var id = await h.Engine.StartAsync("stay", new Dictionary<string, object?> { ["deceased"] = false });

        await h.CompleteAsync(id, "admit", new Dictionary<string, object?> { ["deceased"] = true });
        await h.CompleteAsync(id, "followUp", new Dictionary<string, object?> { ["deceased"] = true });

        Assert.Equal(1, (await h.TraceAsync(id)).Count(t => t == "completed:death"));
        Assert.Equal(["close"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
    }

    [Fact]
    public async Task A_conditional_boundary_whose_condition_holds_when_its_activity_is_entered_occurs_before_the_activity_runs()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay(interrupting: true));

        var id = await h.Engine.StartAsync("stay", new Dictionary<string, object?> { ["deceased"] = true });

        Assert.Equal(["close"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.DoesNotContain("entered:admit", await h.TraceAsync(id));
    }

    [Fact]
    public async Task A_condition_that_reads_a_variable_that_does_not_exist_fails_the_step_naming_the_event()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(WaitForScore());

        var error = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("watch"));

        Assert.Equal(("condition", "high"), (error.Code, error.ElementId));
        Assert.Contains("score", error.Reason);
    }

    [Theory]
    [InlineData("", "needs a condition")]
    [InlineData("score > 10", "is not evaluated by the engine")]
    public void A_conditional_event_without_a_condition_the_engine_evaluates_is_refused_naming_it(string condition, string reason)
    {
        var xml = Process("p", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait">{Conditional(condition)}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />
            {Flow("a", "start", "wait")}{Flow("b", "wait", "end")}
            """);

        Assert.Contains(BpmnParser.Validate(xml), p => p.ElementId == "wait" && p.Line > 0 && p.Reason.Contains(reason));
    }

    [Fact]
    public void A_conditional_start_event_is_refused_naming_it()
    {
        var xml = Process("p", $"""
            <bpmn:startEvent id="whenReady">{Conditional("${ready === true}")}</bpmn:startEvent><bpmn:endEvent id="end" />{Flow("a", "whenReady", "end")}
            """);

        Assert.Contains(BpmnParser.Validate(xml), p => p.ElementId == "whenReady" && p.Reason.Contains("conditional event definitions are not allowed on this startEvent"));
    }
}
