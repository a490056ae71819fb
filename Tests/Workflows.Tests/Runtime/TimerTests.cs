using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

public sealed class TimerTests
{
    private const string FailExpression = "${String(shouldFail)}";

    private static string Stay(string timer) => Process("stay", $"""
        <bpmn:startEvent id="admitted" /><bpmn:intermediateCatchEvent id="plannedEnd">{timer}</bpmn:intermediateCatchEvent>
        <bpmn:userTask id="renewalDecision" /><bpmn:endEvent id="end" />
        {Flow("f1", "admitted", "plannedEnd")}{Flow("f2", "plannedEnd", "renewalDecision")}{Flow("f3", "renewalDecision", "end")}
        """);

    [Fact]
    public async Task A_two_month_stay_timer_fires_on_the_same_calendar_day_two_months_later()
    {
        var admission = new DateTimeOffset(2026, 12, 31, 9, 0, 0, TimeSpan.FromHours(1));
        await using var h = await WorkflowHarness.CreateAsync(start: admission);
        await h.DeployAsync(Stay(Timer("timeDuration", "P2M")));
        var id = await h.Engine.StartAsync("stay");

        await using (var db = await h.Db())
            Assert.Equal(new DateTimeOffset(2027, 2, 28, 9, 0, 0, TimeSpan.FromHours(1)), db.Bookmarks.Single().DueAt);

        await h.AdvanceToAsync(new DateTimeOffset(2027, 2, 28, 8, 59, 0, TimeSpan.FromHours(1)));
        Assert.Empty(await h.OpenTasksAsync(id));
        await h.AdvanceToAsync(new DateTimeOffset(2027, 2, 28, 9, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(["renewalDecision"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
    }

    [Fact]
    public async Task Timer_values_can_be_expressions_over_the_instance_variables()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay(Timer("timeDuration", "${plannedStay}")));
        var id = await h.Engine.StartAsync("stay", new Dictionary<string, object?> { ["plannedStay"] = "P15D" });

        await h.AdvanceAsync(TimeSpan.FromDays(14));
        Assert.Empty(await h.OpenTasksAsync(id));
        await h.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Single(await h.OpenTasksAsync(id));
    }

    [Fact]
    public async Task A_declared_parameter_supplies_its_default_unless_the_start_passes_the_variable()
    {
        const string parameterised = """<bpmn:extensionElements><orc:parameter name="plannedStay" default="P2M" label="Durée prévue" /></bpmn:extensionElements>""";
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay(Timer("timeDuration", "${plannedStay}")).Replace("<bpmn:startEvent id=\"admitted\" />", parameterised + "<bpmn:startEvent id=\"admitted\" />"));
        var byDefault = await h.Engine.StartAsync("stay");
        var overridden = await h.Engine.StartAsync("stay", new Dictionary<string, object?> { ["plannedStay"] = "P10D" });

        await h.AdvanceAsync(TimeSpan.FromDays(10));
        Assert.Empty(await h.OpenTasksAsync(byDefault));
        Assert.Single(await h.OpenTasksAsync(overridden));
        await h.AdvanceAsync(TimeSpan.FromDays(52));
        Assert.Single(await h.OpenTasksAsync(byDefault));
    }

    [Fact]
    public async Task A_time_date_timer_fires_at_the_date_given()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay(Timer("timeDate", "${prescriptionEnd}")));
        var id = await h.Engine.StartAsync("stay", new Dictionary<string, object?> { ["prescriptionEnd"] = "2026-04-01T08:00:00+02:00" });

        await h.AdvanceToAsync(new DateTimeOffset(2026, 4, 1, 5, 59, 0, TimeSpan.Zero));
        Assert.Empty(await h.OpenTasksAsync(id));
        await h.AdvanceToAsync(new DateTimeOffset(2026, 4, 1, 6, 0, 0, TimeSpan.Zero));
        Assert.Single(await h.OpenTasksAsync(id));
    }

    /// <summary>
    /// Dates written without an offset are wall-clock times in the engine's zone (Europe/Paris): 08:00 on 1 April 2026 is 06:00 UTC.
    /// PostgreSQL's <c>timestamptz</c> takes only UTC values from Npgsql; a timer, a task's due date and a start timer read that way
    /// are stored as the same instants in UTC, where they failed the step (and the publication) before.
    /// </summary>
    [PostgresFact]
    public async Task On_PostgreSQL_dates_written_in_the_engines_zone_are_kept_as_the_same_instants()
    {
        await using var h = await WorkflowHarness.CreateOnPostgresAsync();
        await h.DeployAsync(Process("stay", $"""
            <bpmn:startEvent id="admitted" /><bpmn:userTask id="prepare" orc:dueIn="${"{'2026-04-01T08:00:00'}"}" />
            <bpmn:intermediateCatchEvent id="plannedEnd">{Timer("timeDate", "2026-04-01T08:00:00")}</bpmn:intermediateCatchEvent>
            <bpmn:userTask id="renewalDecision" /><bpmn:endEvent id="end" />
            {Flow("f1", "admitted", "prepare")}{Flow("f2", "prepare", "plannedEnd")}{Flow("f3", "plannedEnd", "renewalDecision")}{Flow("f4", "renewalDecision", "end")}
            """));
        await h.DeployAsync(Process("opening", $"""
            <bpmn:startEvent id="opens">{Timer("timeDate", "2026-05-01T08:00:00+02:00")}</bpmn:startEvent><bpmn:userTask id="welcome" /><bpmn:endEvent id="end" />
            {Flow("f1", "opens", "welcome")}{Flow("f2", "welcome", "end")}
            """));
        var id = await h.Engine.StartAsync("stay");

        var expected = new DateTimeOffset(2026, 4, 1, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, (await h.TaskAsync(id, "prepare")).DueAt);
        await h.CompleteAsync(id, "prepare");
        await using (var db = await h.Db())
            Assert.Equal([expected, new DateTimeOffset(2026, 5, 1, 6, 0, 0, TimeSpan.Zero)], db.Bookmarks.Select(b => b.DueAt!.Value).AsEnumerable().Order());
        await h.AdvanceToAsync(expected - TimeSpan.FromMinutes(1));
        Assert.Empty(await h.OpenTasksAsync(id));
        await h.AdvanceToAsync(expected);
        Assert.Single(await h.OpenTasksAsync(id));
    }

    [Fact]
    public async Task Firing_a_timer_whose_bookmark_was_consumed_does_nothing()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay(Timer("timeDuration", "P1D")));
        var id = await h.Engine.StartAsync("stay");
        Guid bookmark;
        await using (var db = await h.Db()) bookmark = db.Bookmarks.Single().Id;

        h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(Engine.TimerOutcome.Fired, await h.Engine.FireTimerAsync(bookmark));
        Assert.Equal(Engine.TimerOutcome.AlreadyConsumed, await h.Engine.FireTimerAsync(bookmark));
        Assert.Single(await h.OpenTasksAsync(id));
    }

    [Fact]
    public async Task A_timer_whose_step_fails_is_rolled_back_and_recorded_as_an_incident_that_can_be_retried()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("failing", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait">{Timer("timeDuration", "P1D")}</bpmn:intermediateCatchEvent>
            <bpmn:serviceTask id="record" orc:activity="Record"><bpmn:extensionElements><orc:input name="value" value="x" /><orc:input name="fail" value="{FailExpression}" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            {Flow("f1", "start", "wait")}{Flow("f2", "wait", "record")}{Flow("f3", "record", "end")}
            """));
        var id = await h.Engine.StartAsync("failing", new Dictionary<string, object?> { ["shouldFail"] = true });

        await h.AdvanceAsync(TimeSpan.FromDays(1));

        await using var db = await h.Db();
        var incident = db.Incidents.Single();
        Assert.Equal("record", incident.ElementId); // the element at fault, not the timer that led to it
        Assert.Contains("serviceTask 'record'", incident.Message);
        Assert.Contains("failed on purpose", incident.Message);
        Assert.Single(db.Bookmarks);
        Assert.DoesNotContain("completed:wait", await h.TraceAsync(id));
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
    }
    [Fact]
    public async Task An_activity_output_named_after_a_JavaScript_built_in_is_an_incident_naming_the_task_not_a_variable_that_hides_it()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("shadowing", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait">{Timer("timeDuration", "P1D")}</bpmn:intermediateCatchEvent>
            <bpmn:serviceTask id="record" orc:activity="Record"><bpmn:extensionElements><orc:input name="value" value="x" /><orc:input name="as" value="Date" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            {Flow("f1", "start", "wait")}{Flow("f2", "wait", "record")}{Flow("f3", "record", "end")}
            """));
        var id = await h.Engine.StartAsync("shadowing");

        await h.AdvanceAsync(TimeSpan.FromDays(1));

        await using var db = await h.Db();
        var incident = db.Incidents.Single();
        Assert.Equal("record", incident.ElementId);
        Assert.Contains("'Date'", incident.Message);
        Assert.DoesNotContain("\"Date\"", (await h.InstanceAsync(id)).Variables);
    }

    [Theory]
    [InlineData("timeDuration", "PT0S")]
    [InlineData("timeDate", "2020-01-01T00:00:00Z")]
    public async Task A_loop_of_flows_back_to_a_timer_that_is_due_at_once_again_is_stopped_on_an_incident(string kind, string value)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("spinning", $"""
            <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="again" />
            <bpmn:intermediateCatchEvent id="pause">{Timer(kind, value)}</bpmn:intermediateCatchEvent>
            {Flow("f0", "start", "again")}{Flow("f1", "again", "pause")}{Flow("f2", "pause", "again")}
            """));
        var id = await h.Engine.StartAsync("spinning");

        await h.Engine.FireDueTimersAsync();

        await using var db = await h.Db();
        var incident = Assert.Single(db.Incidents);
        Assert.Equal(("pause", true), (incident.ElementId, incident.Message.Contains("the loop never waits")));
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_loop_back_to_a_timer_through_a_parallel_split_and_join_through_its_own_boundary_or_inside_a_loop_instance_is_stopped_too()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("forking", $"""
            <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="again" />
            <bpmn:intermediateCatchEvent id="pause">{Timer("timeDuration", "PT0S")}</bpmn:intermediateCatchEvent>
            <bpmn:parallelGateway id="fork" /><bpmn:parallelGateway id="join" />
            {Flow("f0", "start", "again")}{Flow("f1", "again", "pause")}{Flow("f2", "pause", "fork")}
            {Flow("f3", "fork", "join")}{Flow("f4", "fork", "join")}{Flow("f5", "join", "again")}
            """));
        await h.DeployAsync(Process("retrying", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="call" />
            <bpmn:boundaryEvent id="noAnswer" attachedToRef="call">{Timer("timeDuration", "PT0S")}</bpmn:boundaryEvent><bpmn:endEvent id="end" />
            {Flow("f0", "start", "call")}{Flow("f1", "call", "end")}{Flow("f2", "noAnswer", "call")}
            """));
        await h.DeployAsync(Process("batched", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="each">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="again" /><bpmn:intermediateCatchEvent id="spin">{Timer("timeDuration", "PT0S")}</bpmn:intermediateCatchEvent>
              {Flow("s0", "s", "again")}{Flow("s1", "again", "spin")}{Flow("s2", "spin", "again")}
            </bpmn:subProcess>
            {Flow("f0", "start", "each")}
            """));
        await h.Engine.StartAsync("forking");
        await h.Engine.StartAsync("retrying");
        await h.Engine.StartAsync("batched");

        await h.Engine.FireDueTimersAsync();

        await using var db = await h.Db();
        Assert.Equal(["noAnswer", "pause", "spin"], db.Incidents.Where(i => i.Message.Contains("the loop never waits")).Select(i => i.ElementId).AsEnumerable().Order());
    }

    [Fact]
    public async Task A_loop_back_to_a_timer_closed_by_a_signal_its_path_throws_to_a_non_interrupting_boundary_is_stopped()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("nagging", $"""
            <bpmn:startEvent id="start" /><bpmn:parallelGateway id="split" /><bpmn:userTask id="work" />
            <bpmn:boundaryEvent id="nudged" attachedToRef="work" cancelActivity="false"><bpmn:signalEventDefinition signalRef="Again" /></bpmn:boundaryEvent>
            <bpmn:exclusiveGateway id="merge" /><bpmn:intermediateCatchEvent id="tick">{Timer("timeDuration", "PT0S")}</bpmn:intermediateCatchEvent>
            <bpmn:intermediateThrowEvent id="nudge"><bpmn:signalEventDefinition signalRef="Again" /></bpmn:intermediateThrowEvent>
            <bpmn:endEvent id="end" /><bpmn:endEvent id="worked" />
            {Flow("f0", "start", "split")}{Flow("f1", "split", "work")}{Flow("f2", "split", "merge")}{Flow("f3", "nudged", "merge")}
            {Flow("f4", "merge", "tick")}{Flow("f5", "tick", "nudge")}{Flow("f6", "nudge", "end")}{Flow("f7", "work", "worked")}
            """, """<bpmn:signal id="Again" name="again" />"""));
        await h.Engine.StartAsync("nagging");

        await h.Engine.FireDueTimersAsync();

        await using var db = await h.Db();
        Assert.Equal("tick", Assert.Single(db.Incidents).ElementId);
    }

    [Fact]
    public async Task A_sequential_loop_whose_every_instance_waits_no_time_runs_to_its_end()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("batches", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="each">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="pause">{Timer("timeDuration", "PT0S")}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
              {Flow("s0", "s", "pause")}{Flow("s1", "pause", "e")}
            </bpmn:subProcess>
            <bpmn:endEvent id="end" />{Flow("f0", "start", "each")}{Flow("f1", "each", "end")}
            """));
        var id = await h.Engine.StartAsync("batches");

        await h.Engine.FireDueTimersAsync();

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        await using var db = await h.Db();
        Assert.Empty(db.Incidents);
    }
}
