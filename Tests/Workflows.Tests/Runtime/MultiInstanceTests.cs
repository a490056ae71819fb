using System.Text.Json.Nodes;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>Multi-instance activities: parallel and sequential, over a list or a number, with a completion condition.</summary>
public sealed class MultiInstanceTests
{
    /// <summary>A handoff proposed to every structure of <c>structures</c>; each answers <c>accepted</c>.</summary>
    private static string Propose(bool sequential, string completion = "", string boundary = "", string output = "") => Process("handoff", $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="propose" name="Proposer l'orientation">
          <bpmn:extensionElements><orc:field name="accepted" type="boolean" /></bpmn:extensionElements>
          <bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}" orc:collection="${"{structures}"}" orc:elementVariable="structure" {output}>
            {completion}
          </bpmn:multiInstanceLoopCharacteristics>
        </bpmn:userTask>
        {boundary}
        <bpmn:endEvent id="end" />
        {Flow("f0", "start", "propose")}{Flow("f1", "propose", "end")}
        """);

    /// <summary>A looped sub-process over <c>structures</c> that asks each one's <c>vote</c>, then waits a day; collects <paramref name="output"/>.</summary>
    private static string Votes(string output) => Process("votes", $"""
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="ask">
          <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{structures}"}" orc:elementVariable="structure" orc:outputCollection="votes" orc:outputElement="{output}" />
          <bpmn:startEvent id="askStart" />
          <bpmn:userTask id="askVote"><bpmn:extensionElements><orc:field name="vote" type="text" /></bpmn:extensionElements></bpmn:userTask>
          <bpmn:intermediateCatchEvent id="settle">{Timer("timeDuration", "P1D")}</bpmn:intermediateCatchEvent>
          <bpmn:endEvent id="askEnd" />
          {Flow("a1", "askStart", "askVote")}{Flow("a2", "askVote", "settle")}{Flow("a3", "settle", "askEnd")}
        </bpmn:subProcess>
        <bpmn:userTask id="review" /><bpmn:endEvent id="end" />
        {Flow("f0", "start", "ask")}{Flow("f1", "ask", "review")}{Flow("f2", "review", "end")}
        """);

    private static readonly Dictionary<string, object?> ThreeStructures = new() { ["structures"] = new[] { "LHSS Nord", "LAM Sud", "ACT Est" } };

    [Fact]
    public async Task A_parallel_loop_opens_one_task_per_item_naming_it_and_completes_when_all_are_done()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Propose(sequential: false));
        var id = await h.Engine.StartAsync("handoff", ThreeStructures);

        var tasks = await TasksInLoopOrderAsync(h, id);
        Assert.Equal(["Proposer l'orientation (LHSS Nord)", "Proposer l'orientation (LAM Sud)", "Proposer l'orientation (ACT Est)"], tasks.Select(t => t.Name));

        foreach (var task in tasks.Take(2)) await h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["accepted"] = false });
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
        await h.Engine.CompleteTaskAsync(tasks[2].Id, new Dictionary<string, object?> { ["accepted"] = false });

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        var trace = await h.TraceAsync(id);
        Assert.Equal(4, trace.Count(e => e == "entered:propose")); // the body, then each of the three instances
        Assert.Equal(4, trace.Count(e => e == "completed:propose")); // each instance, then the body
        Assert.Equal("completed:propose", trace[trace.IndexOf("entered:end") - 1]);
        Assert.Equal("completed:end", trace[^1]);
    }

    [Fact]
    public async Task Each_instance_of_a_looped_sub_process_collects_its_own_answer_even_when_another_answers_later_before_it_ends()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        // Each instance asks, then waits a day before ending: the answers are all given before any instance collects.
        await h.DeployAsync(Votes("${vote}"));
        var id = await h.Engine.StartAsync("votes", ThreeStructures);
        var tasks = await h.OpenTasksAsync(id);

        foreach (var (task, vote) in tasks.Zip(["x", "y", "z"])) await h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["vote"] = vote });
        await h.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal(["review"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        // Each answer once, in its instance's place; the process variable « vote » is not the last answer collected three times.
        var votes = (JsonNode.Parse((await h.InstanceAsync(id)).Variables)!["votes"] as JsonArray)!.Select(v => v?.GetValue<string>()).ToList();
        Assert.Equal(["x", "y", "z"], votes.Order());
    }

    [Fact]
    public async Task An_output_expression_collects_each_instance_s_own_answer_and_still_reads_what_was_set_before_the_loop()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        // As above, but the collected value is computed: the answer it reads must be the instance's, not the last one given.
        await h.DeployAsync(Votes("${structure + ':' + (vote === 'oui') + ':' + round}"));
        var id = await h.Engine.StartAsync("votes", new Dictionary<string, object?> { ["structures"] = new[] { "Nord", "Sud" }, ["round"] = 2 });
        var tasks = await TasksInLoopOrderAsync(h, id);

        await h.Engine.CompleteTaskAsync(tasks[0].Id, new Dictionary<string, object?> { ["vote"] = "oui" });
        await h.AdvanceAsync(TimeSpan.FromHours(12));
        await h.Engine.CompleteTaskAsync(tasks[1].Id, new Dictionary<string, object?> { ["vote"] = "non" }); // before Nord's instance ends
        await h.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal(["review"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        var votes = (JsonNode.Parse((await h.InstanceAsync(id)).Variables)!["votes"] as JsonArray)!.Select(v => v?.GetValue<string>());
        Assert.Equal(["Nord:true:2", "Sud:false:2"], votes);
    }

    [Fact]
    public async Task A_looped_service_task_collects_what_its_activity_wrote_in_each_instance()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("flags", $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="flag" orc:activity="Record">
              <bpmn:extensionElements><orc:input name="value" value="${"{'risk-' + item}"}" /><orc:input name="as" value="flagged" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" orc:collection="${"{items}"}" orc:elementVariable="item" orc:outputCollection="all" orc:outputElement="${"{flagged}"}" />
            </bpmn:serviceTask>
            <bpmn:userTask id="review" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "flag")}{Flow("f1", "flag", "review")}{Flow("f2", "review", "end")}
            """));
        var id = await h.Engine.StartAsync("flags", new Dictionary<string, object?> { ["items"] = new[] { "overstay", "missed-visit" } });

        var all = JsonNode.Parse((await h.InstanceAsync(id)).Variables)!["all"]!.ToJsonString();
        Assert.Equal("""["risk-overstay","risk-missed-visit"]""", all);
    }

    [Fact]
    public async Task An_output_that_is_not_a_finite_number_fails_the_step_saying_so_and_keeps_the_task_open()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Propose(sequential: false, output: """orc:outputCollection="ratios" orc:outputElement="${(accepted ? 1 : 0) / nrOfCompletedInstances}" """));
        var id = await h.Engine.StartAsync("handoff", ThreeStructures);
        var task = (await TasksInLoopOrderAsync(h, id))[0];

        // 0 / 0 when the first instance completes: NaN, which no variable can hold.
        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["accepted"] = false }));

        Assert.Contains("not a finite number (NaN", refused.Reason);
        Assert.Equal(3, (await h.OpenTasksAsync(id)).Count);
    }

    [Fact]
    public async Task A_completion_condition_reads_the_answers_collected_so_far_not_a_list_left_by_an_earlier_round()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Propose(sequential: true, output: """orc:outputCollection="answers" orc:outputElement="${accepted}" """,
            completion: "<bpmn:completionCondition>${answers.filter(a => a === false).length >= 2}</bpmn:completionCondition>"));
        // Last round's answers are still in the variables: two refusals, which must not stop this round.
        var id = await h.Engine.StartAsync("handoff", new Dictionary<string, object?>
        {
            ["structures"] = new[] { "LHSS Nord", "LAM Sud", "ACT Est" }, ["answers"] = new[] { false, false },
        });

        await h.Engine.CompleteTaskAsync((await h.OpenTasksAsync(id)).Single().Id, new Dictionary<string, object?> { ["accepted"] = false });
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
        await h.Engine.CompleteTaskAsync((await h.OpenTasksAsync(id)).Single().Id, new Dictionary<string, object?> { ["accepted"] = false });

        // The second refusal of this round stops it: the third structure is not asked.
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Equal("[false,false,null]", JsonNode.Parse((await h.InstanceAsync(id)).Variables)!["answers"]!.ToJsonString());
    }

    [Fact]
    public async Task What_an_activity_writes_in_a_parallel_instance_stays_in_it_so_each_instance_s_timer_reads_its_own_deadline()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        // As « plan a review, then wait for it » run for two people at once: one review in 1 day, the other in 7.
        await h.DeployAsync(Process("reviews", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="each">
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{dues}"}" orc:elementVariable="due" />
              <bpmn:startEvent id="s" />
              <bpmn:serviceTask id="plan" orc:activity="Record">
                <bpmn:extensionElements><orc:input name="value" value="${"{due}"}" /><orc:input name="as" value="reviewDue" /></bpmn:extensionElements>
              </bpmn:serviceTask>
              <bpmn:intermediateCatchEvent id="wait">{Timer("timeDate", "${reviewDue}")}</bpmn:intermediateCatchEvent>
              <bpmn:userTask id="review" /><bpmn:endEvent id="e" />
              {Flow("a1", "s", "plan")}{Flow("a2", "plan", "wait")}{Flow("a3", "wait", "review")}{Flow("a4", "review", "e")}
            </bpmn:subProcess>
            <bpmn:endEvent id="end" />
            {Flow("f0", "start", "each")}{Flow("f1", "each", "end")}
            """));
        var now = h.Clock.GetUtcNow();
        var id = await h.Engine.StartAsync("reviews", new Dictionary<string, object?> { ["dues"] = new[] { now.AddDays(1).ToString("O"), now.AddDays(7).ToString("O") } });

        await h.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Single(await h.OpenTasksAsync(id)); // the 1-day review, not both after 7 days
        await h.AdvanceAsync(TimeSpan.FromDays(6));
        Assert.Equal(2, (await h.OpenTasksAsync(id)).Count);
    }

    [Fact]
    public async Task A_name_an_output_expression_reads_still_reaches_the_process_so_the_answer_that_ended_the_loop_is_read_after_it()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Propose(sequential: true, completion: "<bpmn:completionCondition>${accepted === true}</bpmn:completionCondition>",
            output: """orc:outputCollection="answers" orc:outputElement="${loopCounter + ':' + accepted}" """));
        // « accepted » left false by an earlier round of proposals.
        var id = await h.Engine.StartAsync("handoff", new Dictionary<string, object?> { ["structures"] = new[] { "LHSS Nord", "LAM Sud", "ACT Est" }, ["accepted"] = false });

        await h.Engine.CompleteTaskAsync((await h.OpenTasksAsync(id)).Single().Id, new Dictionary<string, object?> { ["accepted"] = false });
        await h.Engine.CompleteTaskAsync((await h.OpenTasksAsync(id)).Single().Id, new Dictionary<string, object?> { ["accepted"] = true });

        var variables = JsonNode.Parse((await h.InstanceAsync(id)).Variables)!;
        Assert.Equal("""["0:false","1:true",null]""", variables["answers"]!.ToJsonString());
        Assert.True(variables["accepted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_misspelt_name_in_an_output_expression_fails_the_step_instead_of_collecting_nothing()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Propose(sequential: false, output: """orc:outputCollection="answers" orc:outputElement="${structure + ':' + acepted}" """));
        var id = await h.Engine.StartAsync("handoff", ThreeStructures);

        var refused = await Assert.ThrowsAsync<StepFailedException>(async () =>
            await h.Engine.CompleteTaskAsync((await TasksInLoopOrderAsync(h, id))[0].Id, new Dictionary<string, object?> { ["accepted"] = true }));
        Assert.Contains("acepted is not defined", refused.Reason);
    }

    [Fact]
    public async Task An_instance_that_never_writes_a_name_its_output_reads_collects_the_value_it_started_with_not_a_sibling_s()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        // Only the first structure is asked; the second's instance goes straight to its end.
        await h.DeployAsync(Process("votes", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="ask">
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{structures}"}" orc:elementVariable="structure" orc:outputCollection="votes" orc:outputElement="${"{structure + ':' + vote}"}" />
              <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="open" default="skip" />
              <bpmn:userTask id="askVote"><bpmn:extensionElements><orc:field name="vote" type="text" /></bpmn:extensionElements></bpmn:userTask>
              <bpmn:intermediateCatchEvent id="settle">{Timer("timeDuration", "P1D")}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
              {Flow("a1", "s", "open")}{Flow("asked", "open", "askVote", "${structure === 'Nord'}")}{Flow("skip", "open", "settle")}{Flow("a2", "askVote", "settle")}{Flow("a3", "settle", "e")}
            </bpmn:subProcess>
            <bpmn:userTask id="review" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "ask")}{Flow("f1", "ask", "review")}{Flow("f2", "review", "end")}
            """));
        var id = await h.Engine.StartAsync("votes", new Dictionary<string, object?> { ["structures"] = new[] { "Nord", "Sud" }, ["vote"] = "aucun" });

        await h.Engine.CompleteTaskAsync((await h.OpenTasksAsync(id)).Single().Id, new Dictionary<string, object?> { ["vote"] = "oui" });
        await h.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal("""["Nord:oui","Sud:aucun"]""", JsonNode.Parse((await h.InstanceAsync(id)).Variables)!["votes"]!.ToJsonString());
    }

    [Fact]
    public async Task An_inner_loop_s_output_reading_a_name_the_outer_loop_collects_leaves_it_to_the_outer_instance()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("nested", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="each">
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{structures}"}" orc:elementVariable="structure" orc:outputCollection="decisions" orc:outputElement="${"{answer}"}" />
              <bpmn:startEvent id="s" />
              <bpmn:userTask id="ask"><bpmn:extensionElements><orc:field name="answer" type="text" /></bpmn:extensionElements>
                <bpmn:multiInstanceLoopCharacteristics isSequential="true" orc:outputCollection="log" orc:outputElement="${"{loopCounter + ':' + answer}"}"><bpmn:loopCardinality>1</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              </bpmn:userTask>
              <bpmn:endEvent id="e" />
              {Flow("a1", "s", "ask")}{Flow("a2", "ask", "e")}
            </bpmn:subProcess>
            <bpmn:userTask id="review" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "each")}{Flow("f1", "each", "review")}{Flow("f2", "review", "end")}
            """));
        var id = await h.Engine.StartAsync("nested", new Dictionary<string, object?> { ["structures"] = new[] { "A", "B" } });

        foreach (var (task, answer) in (await TasksInLoopOrderAsync(h, id)).Zip(["oui", "non"]))
            await h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["answer"] = answer });

        var variables = JsonNode.Parse((await h.InstanceAsync(id)).Variables)!.AsObject();
        Assert.Equal("""["oui","non"]""", variables["decisions"]!.ToJsonString());
        Assert.False(variables.ContainsKey("answer")); // the outer loop's collected variable stays in its instances
    }

    [Fact]
    public async Task What_an_activity_wrote_in_a_parallel_instance_is_read_after_the_loop_as_the_last_completed_instance_left_it()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        // As « propose to several at once »: each instance records its proposal, then waits for its answer; after the loop the
        // pathway reads the proposal of the instance that completed last (the one that answered).
        await h.DeployAsync(Process("proposals", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="each">
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{structures}"}" orc:elementVariable="structure" />
              <bpmn:startEvent id="s" />
              <bpmn:serviceTask id="propose" orc:activity="Record"><bpmn:extensionElements><orc:input name="value" value="${"{'P-' + structure}"}" /><orc:input name="as" value="proposal" /></bpmn:extensionElements></bpmn:serviceTask>
              <bpmn:userTask id="answer" /><bpmn:endEvent id="e" />
              {Flow("a1", "s", "propose")}{Flow("a2", "propose", "answer")}{Flow("a3", "answer", "e")}
            </bpmn:subProcess>
            <bpmn:userTask id="review" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "each")}{Flow("f1", "each", "review")}{Flow("f2", "review", "end")}
            """));
        var id = await h.Engine.StartAsync("proposals", new Dictionary<string, object?> { ["structures"] = new[] { "Nord", "Sud" } });
        var tasks = await TasksInLoopOrderAsync(h, id);
        Assert.False(JsonNode.Parse((await h.InstanceAsync(id)).Variables)!.AsObject().ContainsKey("proposal")); // not shared while they run

        await h.Engine.CompleteTaskAsync(tasks[1].Id);
        await h.Engine.CompleteTaskAsync(tasks[0].Id);

        Assert.Equal("P-Nord", JsonNode.Parse((await h.InstanceAsync(id)).Variables)!["proposal"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sequential_loop_inside_a_parallel_one_chains_each_outer_instance_s_own_values()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("trails", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="each">
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{items}"}" orc:elementVariable="item" orc:outputCollection="trails" orc:outputElement="${"{result}"}" />
              <bpmn:startEvent id="s" />
              <bpmn:serviceTask id="step" orc:activity="Record">
                <bpmn:extensionElements><orc:input name="value" value="${"{(typeof trail === 'undefined' ? '' : trail) + item}"}" /><orc:input name="as" value="trail" /></bpmn:extensionElements>
                <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              </bpmn:serviceTask>
              <bpmn:serviceTask id="keep" orc:activity="Record"><bpmn:extensionElements><orc:input name="value" value="${"{trail}"}" /><orc:input name="as" value="result" /></bpmn:extensionElements></bpmn:serviceTask>
              <bpmn:userTask id="check" /><bpmn:endEvent id="e" />
              {Flow("a1", "s", "step")}{Flow("a2", "step", "keep")}{Flow("a4", "keep", "check")}{Flow("a3", "check", "e")}
            </bpmn:subProcess>
            <bpmn:userTask id="review" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "each")}{Flow("f1", "each", "review")}{Flow("f2", "review", "end")}
            """));
        var id = await h.Engine.StartAsync("trails", new Dictionary<string, object?> { ["items"] = new[] { "a", "b" } });

        foreach (var task in await TasksInLoopOrderAsync(h, id)) await h.Engine.CompleteTaskAsync(task.Id);

        Assert.Equal("""["aa","bb"]""", JsonNode.Parse((await h.InstanceAsync(id)).Variables)!["trails"]!.ToJsonString());
    }

    [Fact]
    public async Task In_a_sequential_loop_what_an_activity_wrote_reaches_the_next_instance()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        // « Review monthly, three times »: each instance plans from what the previous one planned.
        await h.DeployAsync(Process("count", $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="next" orc:activity="Record">
              <bpmn:extensionElements><orc:input name="value" value="${"{last + 'x'}"}" /><orc:input name="as" value="last" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
            </bpmn:serviceTask>
            <bpmn:userTask id="review" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "next")}{Flow("f1", "next", "review")}{Flow("f2", "review", "end")}
            """));
        var id = await h.Engine.StartAsync("count", new Dictionary<string, object?> { ["last"] = "" });

        Assert.Equal("xxx", JsonNode.Parse((await h.InstanceAsync(id)).Variables)!["last"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_loop_inside_a_loop_collects_each_outer_instance_s_list_as_its_own()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("groups", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="eachGroup">
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{groups}"}" orc:elementVariable="group" orc:outputCollection="all" orc:outputElement="${"{groupVotes}"}" />
              <bpmn:startEvent id="gs" />
              <bpmn:userTask id="vote" name="Vote">
                <bpmn:extensionElements><orc:field name="ballot" type="text" /></bpmn:extensionElements>
                <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{group}"}" orc:elementVariable="member" orc:outputCollection="groupVotes" orc:outputElement="${"{ballot}"}" />
              </bpmn:userTask>
              <bpmn:endEvent id="ge" />{Flow("g0", "gs", "vote")}{Flow("g1", "vote", "ge")}
            </bpmn:subProcess>
            <bpmn:userTask id="review" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "eachGroup")}{Flow("f1", "eachGroup", "review")}{Flow("f2", "review", "end")}
            """));
        var id = await h.Engine.StartAsync("groups", new Dictionary<string, object?> { ["groups"] = new[] { new[] { "a", "b" }, new[] { "c" } } });

        foreach (var task in (await h.OpenTasksAsync(id)).OrderByDescending(t => t.Name)) // « Vote (c) », « Vote (b) », « Vote (a) »
            await h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["ballot"] = "v" + task.Name[^2] });

        var variables = JsonNode.Parse((await h.InstanceAsync(id)).Variables)!.AsObject();
        Assert.Equal("""[["va","vb"],["vc"]]""", variables["all"]!.ToJsonString());
        Assert.False(variables.ContainsKey("groupVotes")); // each outer instance's own list, never the process's
    }

    [Fact]
    public async Task A_looped_call_activity_collects_what_each_called_instance_gives_back()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("ask", $"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="answer" /><bpmn:endEvent id="e" />{Flow("a0", "s", "answer")}{Flow("a1", "answer", "e")}
            """));
        await h.DeployAsync(Process("askAll", $"""
            <bpmn:startEvent id="start" />
            <bpmn:callActivity id="call" calledElement="ask">
              <bpmn:extensionElements><orc:in source="structure" target="structure" /><orc:out expression="${"{'V-' + structure}"}" target="reply" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{structures}"}" orc:elementVariable="structure" orc:outputCollection="replies" orc:outputElement="${"{reply}"}" />
            </bpmn:callActivity>
            <bpmn:userTask id="review" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "call")}{Flow("f1", "call", "review")}{Flow("f2", "review", "end")}
            """));
        var id = await h.Engine.StartAsync("askAll", ThreeStructures);

        await using (var db = await h.Db())
            foreach (var task in db.Tasks.Where(t => t.ElementId == "answer").ToList().AsEnumerable().Reverse())
                await h.Engine.CompleteTaskAsync(task.Id);

        var variables = JsonNode.Parse((await h.InstanceAsync(id)).Variables)!.AsObject();
        Assert.Equal("""["V-LHSS Nord","V-LAM Sud","V-ACT Est"]""", variables["replies"]!.ToJsonString());
        Assert.False(variables.ContainsKey("reply"));
    }

    [Fact]
    public async Task A_parallel_loop_stops_at_the_first_acceptance_and_cancels_the_other_proposals()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Propose(sequential: false, completion: "<bpmn:completionCondition>${accepted === true}</bpmn:completionCondition>",
            output: """orc:outputCollection="answers" orc:outputElement="${structure + ':' + accepted}" """));
        var id = await h.Engine.StartAsync("handoff", ThreeStructures);
        var tasks = await TasksInLoopOrderAsync(h, id);

        await h.Engine.CompleteTaskAsync(tasks[0].Id, new Dictionary<string, object?> { ["accepted"] = false });
        Assert.Equal(2, (await h.OpenTasksAsync(id)).Count);
        await h.Engine.CompleteTaskAsync(tasks[1].Id, new Dictionary<string, object?> { ["accepted"] = true });

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Equal(HumanTaskStatus.Cancelled, (await TaskByIdAsync(h, tasks[2].Id)).Status);
        var answers = (JsonNode.Parse((await h.InstanceAsync(id)).Variables)!["answers"] as JsonArray)!;
        Assert.Equal(["LHSS Nord:false", "LAM Sud:true", null], answers.Select(a => a?.GetValue<string>()));
    }

    [Fact]
    public async Task A_sequential_loop_opens_the_next_task_only_when_the_previous_one_is_done_and_counts_from_zero()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Propose(sequential: true, completion: "<bpmn:completionCondition>${accepted === true}</bpmn:completionCondition>",
            output: """orc:outputCollection="order" orc:outputElement="${loopCounter + '/' + nrOfInstances}" """));
        var id = await h.Engine.StartAsync("handoff", ThreeStructures);

        var first = Assert.Single(await h.OpenTasksAsync(id));
        Assert.Equal("Proposer l'orientation (LHSS Nord)", first.Name);
        await h.Engine.CompleteTaskAsync(first.Id, new Dictionary<string, object?> { ["accepted"] = false });
        var second = Assert.Single(await h.OpenTasksAsync(id));
        Assert.Equal("Proposer l'orientation (LAM Sud)", second.Name);
        await h.Engine.CompleteTaskAsync(second.Id, new Dictionary<string, object?> { ["accepted"] = true });

        var instance = await h.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(3, (await h.TraceAsync(id)).Count(e => e == "completed:propose")); // two instances and the body; the third was never proposed
        Assert.Equal(["0/3", "1/3", null], (JsonNode.Parse(instance.Variables)!["order"] as JsonArray)!.Select(a => a?.GetValue<string>()));
    }

    [Fact]
    public async Task An_empty_list_runs_no_instance_and_the_process_goes_on()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Propose(sequential: false));
        var id = await h.Engine.StartAsync("handoff", new Dictionary<string, object?> { ["structures"] = Array.Empty<string>() });

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Empty(await h.OpenTasksAsync(id));
    }

    [Fact]
    public async Task A_timer_on_the_loop_withdraws_every_open_proposal_at_once()
    {
        var boundary = $"""<bpmn:boundaryEvent id="noAnswer" attachedToRef="propose">{Timer("timeDuration", "P7D")}</bpmn:boundaryEvent><bpmn:endEvent id="expired" />{Flow("b0", "noAnswer", "expired")}""";
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Propose(sequential: false, boundary: boundary));
        var id = await h.Engine.StartAsync("handoff", ThreeStructures);
        await h.Engine.CompleteTaskAsync((await TasksInLoopOrderAsync(h, id))[0].Id, new Dictionary<string, object?> { ["accepted"] = false });

        await h.AdvanceAsync(TimeSpan.FromDays(7));

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Empty(await h.OpenTasksAsync(id));
        var trace = await h.TraceAsync(id);
        Assert.Equal(3, trace.Count(e => e == "cancelled:propose")); // two open instances, then the body
        Assert.Equal("completed:expired", trace[^1]);
    }

    [Fact]
    public async Task A_loop_cardinality_runs_a_sub_process_that_many_times_each_seeing_its_counter()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("visits", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="visit">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" orc:outputCollection="dates" orc:outputElement="${"{'J+' + (loopCounter * 7)}"}">
                <bpmn:loopCardinality>${"{visitCount}"}</bpmn:loopCardinality>
              </bpmn:multiInstanceLoopCharacteristics>
              <bpmn:startEvent id="vs" /><bpmn:userTask id="meet" /><bpmn:endEvent id="ve" />
              {Flow("v0", "vs", "meet")}{Flow("v1", "meet", "ve")}
            </bpmn:subProcess>
            <bpmn:endEvent id="end" />
            {Flow("f0", "start", "visit")}{Flow("f1", "visit", "end")}
            """));
        var id = await h.Engine.StartAsync("visits", new Dictionary<string, object?> { ["visitCount"] = 3 });

        for (var i = 0; i < 3; i++) await h.CompleteAsync(id, "meet");

        var instance = await h.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["J+0", "J+7", "J+14"], (JsonNode.Parse(instance.Variables)!["dates"] as JsonArray)!.Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task A_collection_that_is_not_a_list_is_an_incident_naming_the_activity()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Propose(sequential: false));

        var failure = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("handoff", new Dictionary<string, object?> { ["structures"] = "LHSS Nord" }));

        Assert.Equal("propose", failure.ElementId);
        Assert.Contains("not a list", failure.Message);
    }

    [Theory]
    [InlineData("${n + 1}", "2")] // a text plus one is the text « 21 », not three
    [InlineData("${n}", " 3 ")]
    public async Task A_cardinality_an_expression_yields_as_text_is_an_incident_not_a_count(string cardinality, string n)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("visits", $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="meet"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>{cardinality}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
            <bpmn:endEvent id="end" />{Flow("f0", "start", "meet")}{Flow("f1", "meet", "end")}
            """));

        var failure = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("visits", new Dictionary<string, object?> { ["n"] = n }));

        Assert.Equal("meet", failure.ElementId);
        Assert.Contains("not a whole number", failure.Message);
    }

    [Fact]
    public async Task Each_instance_of_a_parallel_call_activity_gets_its_own_item_and_an_error_in_one_interrupts_the_loop()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("ask", $"""
            <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="full" default="ok" />
            <bpmn:userTask id="answer" /><bpmn:endEvent id="e" />
            <bpmn:endEvent id="noPlace"><bpmn:errorEventDefinition errorRef="NoPlace" /></bpmn:endEvent>
            {Flow("a0", "s", "full")}{Flow("ok", "full", "answer")}{Flow("a1", "full", "noPlace", "${structure === 'LAM Sud'}")}{Flow("a2", "answer", "e")}
            """, """<bpmn:error id="NoPlace" errorCode="NO_PLACE" />"""));
        await h.DeployAsync(Process("handoff", $"""
            <bpmn:startEvent id="start" />
            <bpmn:callActivity id="call" calledElement="ask">
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{structures}"}" orc:elementVariable="structure" />
            </bpmn:callActivity>
            <bpmn:boundaryEvent id="onNoPlace" attachedToRef="call"><bpmn:errorEventDefinition errorRef="NoPlace" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="end" /><bpmn:endEvent id="refused" />
            {Flow("f0", "start", "call")}{Flow("f1", "call", "end")}{Flow("f2", "onNoPlace", "refused")}
            """, """<bpmn:error id="NoPlace" errorCode="NO_PLACE" />"""));

        var id = await h.Engine.StartAsync("handoff", ThreeStructures);
        await h.Engine.DeliverStoredMessagesAsync();

        var trace = await h.TraceAsync(id);
        Assert.Equal("completed:refused", trace[^1]);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        await using var db = await h.Db();
        var children = db.Instances.Where(i => i.ParentInstanceId == id).ToList();
        Assert.Equal(3, children.Count);
        Assert.Equal(["ACT Est", "LAM Sud", "LHSS Nord"], children.Select(c => JsonNode.Parse(c.Variables)!["structure"]!.GetValue<string>()).Order());
        Assert.All(children, c => Assert.NotEqual(InstanceStatus.Running, c.Status));
        Assert.Empty(db.Tasks.Where(t => t.Status == HumanTaskStatus.Open).ToList());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { """<bpmn:multiInstanceLoopCharacteristics />""", "needs the list it runs over" },
        { """<bpmn:multiInstanceLoopCharacteristics orc:collection="${a}"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>""", "not both" },
        { """<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>-2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>""", "whole number" },
        { """<bpmn:multiInstanceLoopCharacteristics orc:collection="${a}"><bpmn:completionCondition>done</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>""", "completionCondition" },
        { """<bpmn:multiInstanceLoopCharacteristics orc:collection="${a}" orc:elementVariable="loopCounter" />""", "the loop itself sets" },
        { """<bpmn:multiInstanceLoopCharacteristics orc:collection="${a}" orc:outputCollection="out" />""", "go together" },
        { """<bpmn:multiInstanceLoopCharacteristics><bpmn:loopDataInputRef>items</bpmn:loopDataInputRef></bpmn:multiInstanceLoopCharacteristics>""", "data objects" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_loop_the_engine_could_not_run_as_drawn_is_refused_naming_the_activity_and_its_line(string loop, string reason)
    {
        var xml = Process("p", $"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="task">
              {loop}
            </bpmn:userTask>
            <bpmn:endEvent id="e" />{Flow("f0", "s", "task")}{Flow("f1", "task", "e")}
            """);

        var problem = Assert.Single(BpmnParser.Validate(xml));
        Assert.Equal("multiInstanceLoopCharacteristics", problem.ElementType);
        Assert.Equal("task", problem.ElementId);
        Assert.Equal(12, problem.Line);
        Assert.Contains(reason, problem.Reason);
    }

    /// <summary>The open tasks in the order of the structures list (tasks created in one step share their creation time).</summary>
    private static async Task<List<HumanTaskRecord>> TasksInLoopOrderAsync(WorkflowHarness h, Guid id)
    {
        string[] order = ["LHSS Nord", "LAM Sud", "ACT Est"];
        return (await h.OpenTasksAsync(id)).OrderBy(t => Array.FindIndex(order, s => t.Name.Contains(s))).ToList();
    }

    private static async Task<HumanTaskRecord> TaskByIdAsync(WorkflowHarness h, Guid id)
    {
        await using var db = await h.Db();
        return db.Tasks.Single(t => t.Id == id);
    }
    [Fact]
    public async Task Loop_instances_withdrawn_before_their_turn_are_not_recorded_as_cancelled_since_they_never_entered()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("looped", $"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="t"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
            <bpmn:boundaryEvent id="bc" attachedToRef="t"><bpmn:conditionalEventDefinition><bpmn:condition>${"{flag}"}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="e" /><bpmn:endEvent id="eb" />
            {Flow("f1", "s", "t")}{Flow("f2", "t", "e")}{Flow("f3", "bc", "eb")}
            """));

        var id = await h.Engine.StartAsync("looped", new Dictionary<string, object?> { ["flag"] = true });

        // The condition already holds when the loop is entered: it is interrupted before either instance runs.
        var trace = await h.TraceAsync(id);
        Assert.Equal(trace.Count(e => e == "entered:t"), trace.Count(e => e == "cancelled:t"));
        Assert.Contains("completed:eb", trace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_variable_the_output_expression_reads_but_the_loop_never_writes_is_read_live_and_never_written_back(bool sequential)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("prepared", $"""
            <bpmn:startEvent id="start" /><bpmn:parallelGateway id="split" />
            <bpmn:subProcess id="perStructure">
              <bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}" orc:collection="${"{structures}"}" orc:elementVariable="structure" orc:outputCollection="results" orc:outputElement="${"{structure + ':' + approved}"}" />
              <bpmn:startEvent id="s0" /><bpmn:userTask id="prepare" /><bpmn:exclusiveGateway id="isApproved" default="notApproved" />
              <bpmn:endEvent id="approvedEnd" /><bpmn:endEvent id="notApprovedEnd" />
              {Flow("s1", "s0", "prepare")}{Flow("s2", "prepare", "isApproved")}{Flow("notApproved", "isApproved", "notApprovedEnd")}
              {Flow("yes", "isApproved", "approvedEnd", "${approved === true}")}
            </bpmn:subProcess>
            <bpmn:userTask id="approve"><bpmn:extensionElements><orc:field name="approved" type="boolean" required="true" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:parallelGateway id="join" /><bpmn:exclusiveGateway id="after" default="lost" />
            <bpmn:endEvent id="stillApproved" /><bpmn:endEvent id="approvalLost" />
            {Flow("f0", "start", "split")}{Flow("f1", "split", "perStructure")}{Flow("f2", "split", "approve")}
            {Flow("f3", "perStructure", "join")}{Flow("f4", "approve", "join")}{Flow("f5", "join", "after")}
            {Flow("kept", "after", "stillApproved", "${approved === true}")}{Flow("lost", "after", "approvalLost")}
            """));
        var id = await h.Engine.StartAsync("prepared", new Dictionary<string, object?> { ["structures"] = new[] { "LHSS", "ACT" }, ["approved"] = false });

        // The director approves while the structures prepare; each structure's path, what the loop collects and the process's
        // variable after it all see the approval: an instance's copy taken at its start would have sent « false » back over it.
        await h.CompleteAsync(id, "approve", new Dictionary<string, object?> { ["approved"] = true });
        while ((await h.OpenTasksAsync(id)).FirstOrDefault(t => t.ElementId == "prepare") is { } task) await h.Engine.CompleteTaskAsync(task.Id);

        var trace = await h.TraceAsync(id);
        Assert.Equal(2, trace.Count(e => e == "completed:approvedEnd"));
        Assert.Contains("completed:stillApproved", trace);
        var variables = JsonNode.Parse((await h.InstanceAsync(id)).Variables)!;
        Assert.Equal("""["LHSS:true","ACT:true"]""", variables["results"]!.ToJsonString());
        Assert.True(variables["approved"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_parallel_instance_that_never_answers_collects_nothing_not_the_answer_a_sibling_handed_on()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("votes", $"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="each">
              <bpmn:multiInstanceLoopCharacteristics orc:outputCollection="votes" orc:outputElement="${"{ {v: vote} }"}"><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              <bpmn:startEvent id="bs" /><bpmn:exclusiveGateway id="bg" default="later" />
              <bpmn:userTask id="review"><bpmn:extensionElements><orc:field name="vote" type="choice" values="oui,non" required="true" /></bpmn:extensionElements></bpmn:userTask>
              <bpmn:intermediateCatchEvent id="wait">{Timer("timeDuration", "P3D")}</bpmn:intermediateCatchEvent>
              <bpmn:endEvent id="voted" /><bpmn:endEvent id="waited" />
              {Flow("b0", "bs", "bg")}{Flow("first", "bg", "review", "${loopCounter === 0}")}{Flow("later", "bg", "wait")}
              {Flow("b2", "review", "voted")}{Flow("b3", "wait", "waited")}
            </bpmn:subProcess>
            <bpmn:endEvent id="end" />{Flow("f0", "s", "each")}{Flow("f1", "each", "end")}
            """));
        var id = await h.Engine.StartAsync("votes", new Dictionary<string, object?> { ["vote"] = null });

        await h.CompleteAsync(id, "review", new Dictionary<string, object?> { ["vote"] = "oui" });
        await h.AdvanceAsync(TimeSpan.FromDays(3));

        var variables = JsonNode.Parse((await h.InstanceAsync(id)).Variables)!;
        Assert.Equal("""[{"v":"oui"},{"v":null}]""", variables["votes"]!.ToJsonString());
        Assert.Equal("oui", variables["vote"]!.GetValue<string>()); // handed on once the loop has ended
    }
    [Fact]
    public async Task A_decision_written_beside_a_parallel_loop_after_an_instance_answered_is_not_overwritten_when_the_loop_ends()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("votes", $"""
            <bpmn:startEvent id="s" /><bpmn:parallelGateway id="split" />
            <bpmn:userTask id="review">
              <bpmn:extensionElements><orc:field name="vote" type="choice" values="oui,non" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics orc:outputCollection="votes" orc:outputElement="${"{ {v: vote} }"}"><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:userTask id="decide"><bpmn:extensionElements><orc:field name="vote" type="choice" values="oui,non" required="true" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:parallelGateway id="join" /><bpmn:exclusiveGateway id="after" default="refused" />
            <bpmn:endEvent id="accepted" /><bpmn:endEvent id="refusedEnd" />
            {Flow("f0", "s", "split")}{Flow("f1", "split", "review")}{Flow("f2", "split", "decide")}
            {Flow("f3", "review", "join")}{Flow("f4", "decide", "join")}{Flow("f5", "join", "after")}
            {Flow("yes", "after", "accepted", "${vote === 'oui'}")}{Flow("refused", "after", "refusedEnd")}
            """));
        var id = await h.Engine.StartAsync("votes", new Dictionary<string, object?> { ["vote"] = null });
        var reviews = (await h.OpenTasksAsync(id)).Where(t => t.ElementId == "review").ToList();

        // One reviewer says « oui »; then the director decides « non » beside the loop; the other reviewer closes without a vote.
        await h.Engine.CompleteTaskAsync(reviews[0].Id, new Dictionary<string, object?> { ["vote"] = "oui" });
        await h.CompleteAsync(id, "decide", new Dictionary<string, object?> { ["vote"] = "non" });
        await h.Engine.CompleteTaskAsync(reviews[1].Id);

        // The director's later decision stands: the reviewer's earlier answer, held until the loop ended, does not come back over it.
        var variables = JsonNode.Parse((await h.InstanceAsync(id)).Variables)!;
        Assert.Equal("non", variables["vote"]!.GetValue<string>());
        Assert.Contains("completed:refusedEnd", await h.TraceAsync(id));
        Assert.Equal("oui", variables["votes"]![0]!["v"]!.GetValue<string>());
    }
    [Fact]
    public async Task A_parallel_loop_interrupted_by_its_deadline_keeps_the_answers_given_before_it()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("votes", $"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="review">
              <bpmn:extensionElements><orc:field name="vote" type="choice" values="oui,non" required="true" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{structures}"}" orc:elementVariable="structure" orc:outputCollection="votes" orc:outputElement="${"{ {structure: structure, vote: vote} }"}" />
            </bpmn:userTask>
            <bpmn:boundaryEvent id="deadline" attachedToRef="review">{Timer("timeDuration", "P7D")}</bpmn:boundaryEvent>
            <bpmn:exclusiveGateway id="anyYes" default="none" />
            <bpmn:endEvent id="done" /><bpmn:endEvent id="taken" /><bpmn:endEvent id="nobody" />
            {Flow("f0", "s", "review")}{Flow("f1", "review", "done")}{Flow("f2", "deadline", "anyYes")}
            {Flow("yes", "anyYes", "taken", "${votes.some(v => v !== null &amp;&amp; v.vote === 'oui')}")}{Flow("none", "anyYes", "nobody")}
            """));
        var id = await h.Engine.StartAsync("votes", ThreeStructures.ToDictionary(p => p.Key, p => p.Value));
        var reviews = await TasksInLoopOrderAsync(h, id);

        // Two structures answer within the week, the third never does: the deadline ends the loop.
        await h.Engine.CompleteTaskAsync(reviews[0].Id, new Dictionary<string, object?> { ["vote"] = "non" });
        await h.Engine.CompleteTaskAsync(reviews[1].Id, new Dictionary<string, object?> { ["vote"] = "oui" });
        await h.AdvanceAsync(TimeSpan.FromDays(7));

        // The path after the deadline reads the answers given, not nothing: LAM Sud said « oui ».
        var trace = await h.TraceAsync(id);
        Assert.Contains("completed:taken", trace);
        var variables = JsonNode.Parse((await h.InstanceAsync(id)).Variables)!;
        Assert.Equal("""[{"structure":"LHSS Nord","vote":"non"},{"structure":"LAM Sud","vote":"oui"},null]""", variables["votes"]!.ToJsonString());
        Assert.Equal("oui", variables["vote"]!.GetValue<string>());
    }
}
