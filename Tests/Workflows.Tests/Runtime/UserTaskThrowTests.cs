using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>
/// A person ends a user task on a BPMN error, or raises an escalation from it, instead of completing it: the error and
/// escalation boundary events drawn on user tasks (as Camunda's forms throw them) catch it.
/// </summary>
public sealed class UserTaskThrowTests
{
    private const string Roots = """<bpmn:error id="Unpaid" errorCode="AMOUNT_MISSING" /><bpmn:escalation id="Suspicious" escalationCode="SUSPICIOUS" />""";

    /// <summary>Pay the invoice; an unspecified amount sends it to the archive, a suspicious sender to the supervisor.</summary>
    private static string Invoice(bool escalationInterrupts = true) => Process("invoice", $"""
        <bpmn:startEvent id="start" /><bpmn:userTask id="pay" /><bpmn:endEvent id="paid" />
        <bpmn:boundaryEvent id="unspecified" attachedToRef="pay"><bpmn:errorEventDefinition errorRef="Unpaid" /></bpmn:boundaryEvent>
        <bpmn:userTask id="archive" /><bpmn:endEvent id="archived" />
        <bpmn:boundaryEvent id="suspicious" attachedToRef="pay" cancelActivity="{(escalationInterrupts ? "true" : "false")}"><bpmn:escalationEventDefinition escalationRef="Suspicious" /></bpmn:boundaryEvent>
        <bpmn:userTask id="inform" /><bpmn:endEvent id="escalated" />
        {Flow("f0", "start", "pay")}{Flow("f1", "pay", "paid")}{Flow("f2", "unspecified", "archive")}{Flow("f3", "archive", "archived")}
        {Flow("f4", "suspicious", "inform")}{Flow("f5", "inform", "escalated")}
        """, Roots);

    [Fact]
    public void Error_and_escalation_boundary_events_on_a_user_task_are_accepted()
    {
        Assert.Empty(BpmnParser.Validate(Invoice()));
    }

    [Fact]
    public async Task The_ways_out_of_a_task_offered_to_a_person_are_its_boundary_errors_and_escalations_with_their_codes_and_names()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Invoice(escalationInterrupts: false).Replace("<bpmn:boundaryEvent id=\"unspecified\"", "<bpmn:boundaryEvent id=\"unspecified\" name=\"Montant inconnu\""));
        var id = await h.Engine.StartAsync("invoice");
        var pay = await h.TaskAsync(id, "pay");

        Assert.Equal([new TaskExit(TaskExitKind.Error, "AMOUNT_MISSING", "Montant inconnu", true), new TaskExit(TaskExitKind.Escalation, "SUSPICIOUS", "SUSPICIOUS", false)],
            await h.Engine.TaskExitsAsync(pay.Id));

        await h.CompleteAsync(id, "pay");
        Assert.Empty(await h.Engine.TaskExitsAsync(pay.Id)); // a task no longer open has no way out left
    }

    [Fact]
    public async Task A_person_ending_the_task_on_an_error_cancels_it_and_its_boundary_with_that_code_takes_over()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Invoice());
        var id = await h.Engine.StartAsync("invoice");

        await h.Engine.ThrowTaskErrorAsync((await h.TaskAsync(id, "pay")).Id, "AMOUNT_MISSING", "coordinator");
        await h.CompleteAsync(id, "archive");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        var trace = await h.TraceAsync(id);
        Assert.Contains("cancelled:pay", trace);
        Assert.Contains("completed:archived", trace);
        Assert.DoesNotContain("completed:paid", trace);
    }

    [Fact]
    public async Task An_error_from_a_user_task_that_nothing_catches_is_refused_naming_the_task_and_the_task_stays_open()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Invoice());
        var id = await h.Engine.StartAsync("invoice");
        var task = await h.TaskAsync(id, "pay");

        var error = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.ThrowTaskErrorAsync(task.Id, "OTHER"));

        Assert.Equal(("unhandled-error", "pay"), (error.Code, error.ElementId));
        Assert.Equal(HumanTaskStatus.Open, (await h.TaskAsync(id, "pay")).Status);
    }

    [Theory]
    [InlineData(true, new[] { "inform" })]
    [InlineData(false, new[] { "inform", "pay" })]
    public async Task An_escalation_from_a_user_task_runs_its_boundary_and_ends_the_task_only_when_the_boundary_interrupts(bool interrupts, string[] openAfter)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Invoice(escalationInterrupts: interrupts));
        var id = await h.Engine.StartAsync("invoice");

        await h.Engine.ThrowTaskEscalationAsync((await h.TaskAsync(id, "pay")).Id, "SUSPICIOUS");

        Assert.Equal(openAfter.Order(), (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Order());
    }

    [Fact]
    public async Task A_task_that_is_no_longer_open_cannot_be_ended_on_an_error()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Invoice());
        var id = await h.Engine.StartAsync("invoice");
        var task = await h.TaskAsync(id, "pay");
        await h.Engine.CompleteTaskAsync(task.Id);

        var conflict = await Assert.ThrowsAsync<WorkflowConflictException>(() => h.Engine.ThrowTaskErrorAsync(task.Id, "AMOUNT_MISSING"));

        Assert.Equal(WorkflowConflict.TaskNotOpen, conflict.Conflict);
    }
}
