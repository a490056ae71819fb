using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

public sealed class UserTaskTests
{
    private static readonly string Decision = Process("decision", $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="directorDecision" name="Décision du directeur" orc:role="director" orc:dueIn="P15D">
          <bpmn:extensionElements>
            <orc:field name="decision" type="choice" values="admit,refuse" label="Décision" required="true" />
            <orc:field name="reason" type="text" label="Motif" />
            <orc:field name="entryDate" type="date" />
          </bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:endEvent id="end" />
        {Flow("f1", "start", "directorDecision")}{Flow("f2", "directorDecision", "end")}
        """);

    [Fact]
    public async Task A_waiting_user_task_is_a_queryable_task_with_its_role_due_date_and_fields()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Decision);
        var id = await h.Engine.StartAsync("decision", businessKey: "episode-9");

        var task = Assert.Single(await h.OpenTasksAsync(id));
        Assert.Equal("Décision du directeur", task.Name);
        Assert.Equal("director", task.Role);
        Assert.Equal("episode-9", task.BusinessKey);
        Assert.Equal(WorkflowHarness.Epoch.AddDays(15), task.DueAt);
        var fields = TaskFormValidator.ReadFields(task.Fields);
        Assert.Equal(["decision", "reason", "entryDate"], fields.Select(f => f.Name));
        Assert.True(fields[0].Required);
        Assert.Equal(["admit", "refuse"], fields[0].Values);
    }

    [Fact]
    public async Task Completing_a_task_with_invalid_values_is_refused_with_every_reason_and_writes_nothing()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Decision);
        var id = await h.Engine.StartAsync("decision");
        var task = Assert.Single(await h.OpenTasksAsync(id));

        var error = await Assert.ThrowsAsync<TaskInputException>(() => h.Engine.CompleteTaskAsync(task.Id,
            new Dictionary<string, object?> { ["decision"] = "maybe", ["entryDate"] = "tomorrow", ["unknown"] = 1 }));

        Assert.Equal(["decision", "entryDate", "unknown"], error.Errors.Keys.Order());
        Assert.Equal(HumanTaskStatus.Open, (await h.TaskAsync(id, "directorDecision")).Status);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
    }

    private static readonly string Meeting = Process("meeting", $$"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="askDeadline" name="Échéance">
          <bpmn:extensionElements><orc:field name="deadline" type="date" /></bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:userTask id="schedule" name="Programmer la réunion" orc:dueIn="${typeof deadline === 'string' ? deadline : ''}">
          <bpmn:extensionElements><orc:field name="meetingDate" type="date" label="Date de la réunion" min="now" max="${deadline}" /></bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:endEvent id="end" />
        {{Flow("f1", "start", "askDeadline")}}{{Flow("f2", "askDeadline", "schedule")}}{{Flow("f3", "schedule", "end")}}
        """);

    [Theory]
    [InlineData("2026-01-15T08:00:00Z", "2026-01-17T09:00:00Z", "Date de la réunion : la date ne peut pas être passée")]
    [InlineData("2026-01-17T09:00:01Z", "2026-01-17T09:00:00Z", "Date de la réunion : la date doit être au plus tard le 17/01/2026 à 10h00")]
    [InlineData("2026-01-17T09:00:00Z", "2026-01-17T09:00:00Z", null)]
    [InlineData("2027-01-17T09:00:00Z", "", null)]
    public async Task A_date_field_bounded_by_now_and_a_deadline_variable_refuses_a_date_outside_them_in_french(string date, string deadline, string? reason)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Meeting);
        var id = await h.Engine.StartAsync("meeting");
        await h.Engine.CompleteTaskAsync((await h.TaskAsync(id, "askDeadline")).Id, new Dictionary<string, object?> { ["deadline"] = deadline });
        var task = await h.TaskAsync(id, "schedule");
        if (deadline.Length > 0) Assert.Equal(DateTimeOffset.Parse(deadline), task.DueAt);

        var complete = () => h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["meetingDate"] = date });
        if (reason is null) { await complete(); Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status); return; }
        var error = await Assert.ThrowsAsync<TaskInputException>(complete);
        Assert.Equal(reason, error.Errors["meetingDate"]);
        Assert.Equal(HumanTaskStatus.Open, (await h.TaskAsync(id, "schedule")).Status);
    }

    [Theory]
    [InlineData(null, "yields nothing")]
    [InlineData("", "yields an empty text")]
    public async Task A_task_whose_role_is_computed_to_nothing_fails_the_step_rather_than_be_left_to_anyone(string? who, string reason)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("care", $$"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="prescribe" orc:role="${who}" /><bpmn:endEvent id="end" />
            {{Flow("f1", "start", "prescribe")}}{{Flow("f2", "prescribe", "end")}}
            """));

        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("care", new Dictionary<string, object?> { ["who"] = who }));

        Assert.Equal("prescribe", refused.ElementId);
        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public async Task A_task_whose_deadline_is_computed_to_nothing_fails_the_step_rather_than_open_without_one()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("care", $$"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="dipc" orc:dueIn="${dipcDelay}" /><bpmn:endEvent id="end" />
            {{Flow("f1", "start", "dipc")}}{{Flow("f2", "dipc", "end")}}
            """));

        // A deadline nobody set: the task would never be late and no alert would say so.
        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("care", new Dictionary<string, object?> { ["dipcDelay"] = null }));

        Assert.Equal("dipc", refused.ElementId);
        Assert.Contains("orc:dueIn ${dipcDelay} gives nothing (null), so the task would have no deadline", refused.Message);
        var planned = await h.Engine.StartAsync("care", new Dictionary<string, object?> { ["dipcDelay"] = "P15D" });
        Assert.NotNull((await h.TaskAsync(planned, "dipc")).DueAt);
    }

    [Fact]
    public async Task A_task_whose_computed_role_no_function_holds_fails_the_step_instead_of_waiting_for_nobody()
    {
        await using var h = await WorkflowHarness.CreateAsync(s => s.Configure<WorkflowOptions>(o => o.UseTaskRoles(["doctor", "nurse"])));
        await h.DeployAsync(Process("care", $$"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="prescribe" orc:role="${who}" /><bpmn:endEvent id="end" />
            {{Flow("f1", "start", "prescribe")}}{{Flow("f2", "prescribe", "end")}}
            """));

        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("care", new Dictionary<string, object?> { ["who"] = "médecin" }));
        Assert.Equal("prescribe", refused.ElementId);
        Assert.Contains("orc:role ${who} gives 'médecin', which is no function", refused.Reason);

        var id = await h.Engine.StartAsync("care", new Dictionary<string, object?> { ["who"] = "nurse" });
        Assert.Equal("nurse", (await h.TaskAsync(id, "prescribe")).Role);
    }

    [Fact]
    public async Task In_a_loop_a_date_bound_reads_the_instance_s_item_not_a_process_variable_of_the_same_name()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("plans", $$"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="plan" name="Programmer">
              <bpmn:extensionElements><orc:field name="meetingDate" type="date" label="Date de la réunion" max="${limit}" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics orc:collection="${limits}" orc:elementVariable="limit" />
            </bpmn:userTask>
            <bpmn:endEvent id="end" />
            {{Flow("f1", "start", "plan")}}{{Flow("f2", "plan", "end")}}
            """));
        var id = await h.Engine.StartAsync("plans", new Dictionary<string, object?> { ["limits"] = new[] { "2026-02-10" }, ["limit"] = "2026-02-03" });
        var task = await h.TaskAsync(id, "plan");

        var (_, bounds) = await h.Engine.DateBoundsAsync(task.Id);
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.FromHours(1)), bounds.WindowOf(TaskFormValidator.ReadFields(task.Fields).Single()).Latest);
        var late = await Assert.ThrowsAsync<TaskInputException>(() =>
            h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["meetingDate"] = "2026-03-01" }));
        Assert.Equal("Date de la réunion : la date doit être au plus tard le 10/02/2026", late.Errors["meetingDate"]);
        await h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["meetingDate"] = "2026-02-05" }); // after the process's « limit », before the item's
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_date_time_answered_without_offset_is_the_wall_clock_time_of_the_zone_as_a_written_timer_date_is()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Meeting);
        var id = await h.Engine.StartAsync("meeting");

        // 10:00 in Paris in January is 09:00 UTC, not 10:00 UTC (a fraction beyond nanoseconds is cut, not refused).
        await h.Engine.CompleteTaskAsync((await h.TaskAsync(id, "askDeadline")).Id, new Dictionary<string, object?> { ["deadline"] = "2026-01-17T10:00:00.0000000001" });

        var task = await h.TaskAsync(id, "schedule");
        Assert.Equal(new DateTimeOffset(2026, 1, 17, 9, 0, 0, TimeSpan.Zero), task.DueAt);
        var late = await Assert.ThrowsAsync<TaskInputException>(() =>
            h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["meetingDate"] = "2026-01-17T10:01" }));
        Assert.Equal("Date de la réunion : la date doit être au plus tard le 17/01/2026 à 10h00", late.Errors["meetingDate"]);
        await h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["meetingDate"] = "2026-01-17T10:00" });
        Assert.Equal("2026-01-17T09:00:00.0000000+00:00", System.Text.Json.Nodes.JsonNode.Parse((await h.InstanceAsync(id)).Variables)!["meetingDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Completing_a_task_sets_its_values_as_variables_and_records_who_did_it()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Decision);
        var id = await h.Engine.StartAsync("decision");
        var task = Assert.Single(await h.OpenTasksAsync(id));

        await h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["decision"] = "refuse", ["reason"] = "soins hospitaliers requis" }, "dr.martin");

        var done = await h.TaskAsync(id, "directorDecision");
        Assert.Equal(HumanTaskStatus.Completed, done.Status);
        Assert.Equal("dr.martin", done.CompletedBy);
        Assert.Contains("soins hospitaliers requis", (await h.InstanceAsync(id)).Variables);
        await using var db = await h.Db();
        Assert.Contains(db.History, e => e.ElementId == "directorDecision" && e.Event == HistoryEvent.Completed && e.Actor == "dr.martin");
    }

    [Fact]
    public async Task Completing_a_task_twice_is_a_conflict()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Decision);
        var id = await h.Engine.StartAsync("decision");
        var task = Assert.Single(await h.OpenTasksAsync(id));
        var values = new Dictionary<string, object?> { ["decision"] = "admit" };
        await h.Engine.CompleteTaskAsync(task.Id, values);
        var conflict = await Assert.ThrowsAsync<WorkflowConflictException>(() => h.Engine.CompleteTaskAsync(task.Id, values));
        Assert.Equal(WorkflowConflict.TaskNotOpen, conflict.Conflict); // what the host tells the user, in their language
    }

    [Fact]
    public async Task A_loop_without_a_wait_state_is_stopped_by_the_step_cap_and_nothing_is_written()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("loop", $"""
            <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="again" /><bpmn:manualTask id="spin" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "again")}{Flow("f2", "again", "spin", "${true}")}{Flow("f3", "spin", "again")}{Flow("f4", "again", "end", "${false}")}
            """));
        var error = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("loop"));
        Assert.Equal(("step-limit", "spin"), (error.Code, error.ElementId));
        Assert.Contains("loops without a wait state", error.Message);
        await using var db = await h.Db();
        Assert.Empty(db.Instances);
    }

    [Fact]
    public async Task Service_task_events_reach_the_host_after_commit_through_the_outbox()
    {
        var sink = new CollectingSink();
        await using var h = await WorkflowHarness.CreateAsync(s => s.AddSingleton<IWorkflowEventSink>(sink));
        await h.DeployAsync(Process("outbox", $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="record" orc:activity="Record"><bpmn:extensionElements><orc:input name="value" value="risk" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:userTask id="next" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "record")}{Flow("f2", "record", "next")}{Flow("f3", "next", "end")}
            """));
        await h.Engine.StartAsync("outbox");
        await h.Services.GetRequiredService<OutboxDispatcher>().DrainAsync();

        Assert.Equal(["test.recorded", "wf.task.created"], sink.Events.Select(e => e.Type));
        Assert.Equal("risk", sink.Events[0].Payload["value"]!.GetValue<string>());
        await using var db = await h.Db();
        Assert.Empty(db.Outbox);
    }

    private sealed class CollectingSink : IWorkflowEventSink
    {
        public List<WorkflowEvent> Events { get; } = new();

        public Task HandleAsync(WorkflowEvent workflowEvent, CancellationToken ct)
        {
            Events.Add(workflowEvent);
            return Task.CompletedTask;
        }
    }
}
