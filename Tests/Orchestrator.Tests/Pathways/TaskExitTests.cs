using Bunit;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Security;
using Orchestrator.Application.Tasks;
using Orchestrator.Components.Shared;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Components;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Tests.Pathways;

/// <summary>
/// A definition may draw other ways out of a task than its completion (a boundary error: the case cannot go on this way; a boundary
/// escalation: someone above must know); the person holding the task's function takes them from its form, nobody else.
/// </summary>
public sealed class TaskExitTests
{
    /// <summary>A home visit the social worker may close on the person's refusal, or report as a danger while it stays open.</summary>
    private const string HomeVisit = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0"
                          id="Definitions_visit" targetNamespace="urn:orchestrator:tests">
          <bpmn:error id="Refused" errorCode="PERSON_REFUSES" name="Refus de la personne" />
          <bpmn:escalation id="Danger" escalationCode="DANGER" name="Danger" />
          <bpmn:process id="home-visit" name="Visite à domicile" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="visit" name="Visite à domicile" orc:role="social-worker" />
            <bpmn:boundaryEvent id="refused" name="Refus de la personne" attachedToRef="visit"><bpmn:errorEventDefinition errorRef="Refused" /></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="danger" name="Situation de danger" attachedToRef="visit" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="Danger" /></bpmn:boundaryEvent>
            <bpmn:userTask id="recordRefusal" name="Consigner le refus" orc:role="coordinator" />
            <bpmn:userTask id="assessDanger" name="Évaluer le danger" orc:role="coordinator" />
            <bpmn:endEvent id="visited" /><bpmn:endEvent id="closed" /><bpmn:endEvent id="assessed" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="visit" />
            <bpmn:sequenceFlow id="f2" sourceRef="visit" targetRef="visited" />
            <bpmn:sequenceFlow id="f3" sourceRef="refused" targetRef="recordRefusal" />
            <bpmn:sequenceFlow id="f4" sourceRef="recordRefusal" targetRef="closed" />
            <bpmn:sequenceFlow id="f5" sourceRef="danger" targetRef="assessDanger" />
            <bpmn:sequenceFlow id="f6" sourceRef="assessDanger" targetRef="assessed" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static async Task<(PathwayHarness H, Guid Episode, Guid Visit)> VisitAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.Services.GetRequiredService<DefinitionStore>().DeployAsync(HomeVisit);
        await h.Engine.StartAsync("home-visit", businessKey: episode.ToString());
        return (h, episode, (await h.TaskAsync(episode, "visit")).Id);
    }

    [Fact]
    public async Task The_social_worker_closes_the_visit_on_the_persons_refusal_and_the_refusal_path_opens_audited()
    {
        var (h, episode, visit) = await VisitAsync();
        await using var _ = h;
        var worker = h.Staff(DeviceType.Lhss, StaffRole.SocialWorker);

        var exits = await h.SendAsync(new GetTaskExitsQuery(visit), worker);
        Assert.Equal([("Refus de la personne", TaskExitKind.Error), ("Situation de danger", TaskExitKind.Escalation)], exits.Select(e => (e.Label, e.Kind)));
        await h.SendAsync(new TakeTaskExitCommand(visit, TaskExitKind.Error, "PERSON_REFUSES"), worker);

        var open = (await h.OpenTasksAsync(episode)).Select(t => t.ElementId).ToList();
        Assert.DoesNotContain("visit", open);
        Assert.Contains("recordRefusal", open);
        await using var scope = h.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Audit.SingleAsync(a => a.Action == "task.error");
        Assert.Equal((worker.Id, "home-visit/visit: PERSON_REFUSES"), (entry.ActorId!.Value, entry.Detail));
    }

    [Fact]
    public async Task A_danger_reported_from_the_visit_opens_its_assessment_and_leaves_the_visit_open()
    {
        var (h, episode, visit) = await VisitAsync();
        await using var _ = h;

        await h.SendAsync(new TakeTaskExitCommand(visit, TaskExitKind.Escalation, "DANGER"), h.Staff(DeviceType.Lhss, StaffRole.SocialWorker));

        Assert.Equal(["assessDanger", "visit"], (await h.OpenTasksAsync(episode)).Select(t => t.ElementId).Where(e => e is "visit" or "assessDanger").Order());
    }

    [Fact]
    public async Task A_way_out_the_task_does_not_draw_or_a_caller_without_the_tasks_function_is_refused_and_nothing_changes()
    {
        var (h, episode, visit) = await VisitAsync();
        await using var _ = h;

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            h.SendAsync(new TakeTaskExitCommand(visit, TaskExitKind.Error, "DANGER"), h.Staff(DeviceType.Lhss, StaffRole.SocialWorker)));
        Assert.Equal("code", Assert.Single(refused.Errors).PropertyName);
        Assert.Contains("Issues prévues : « Refus de la personne » (PERSON_REFUSES), « Situation de danger » (DANGER)", refused.Errors.Single().ErrorMessage);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            h.SendAsync(new TakeTaskExitCommand(visit, TaskExitKind.Error, "PERSON_REFUSES"), h.Staff(DeviceType.Lhss, StaffRole.Doctor)));

        Assert.Contains(await h.OpenTasksAsync(episode), t => t.ElementId == "visit");
        Assert.DoesNotContain(await h.OpenTasksAsync(episode), t => t.ElementId is "recordRefusal" or "assessDanger");
    }

    [Fact]
    public async Task A_way_out_taken_on_a_task_a_colleague_already_closed_is_a_conflict_as_for_its_completion()
    {
        var (h, episode, visit) = await VisitAsync();
        await using var _ = h;
        var worker = h.Staff(DeviceType.Lhss, StaffRole.SocialWorker);
        await h.CompleteAsync(episode, "visit", worker);

        var conflict = await Assert.ThrowsAsync<WorkflowConflictException>(() => h.SendAsync(new TakeTaskExitCommand(visit, TaskExitKind.Error, "PERSON_REFUSES"), worker));

        Assert.Equal(WorkflowConflict.TaskNotOpen, conflict.Conflict);
        Assert.DoesNotContain(await h.OpenTasksAsync(episode), t => t.ElementId == "recordRefusal");
    }

    [Fact]
    public async Task The_visits_form_offers_its_ways_out_by_name_and_one_click_closes_it_on_the_refusal()
    {
        var (h, episode, _) = await VisitAsync();
        await using var _h = h;
        var worker = h.Staff(DeviceType.Lhss, StaffRole.SocialWorker);
        await using var context = ComponentHarness.Context(h, worker);
        var task = (await h.SendAsync(new Application.Boards.ListMyTasksQuery(), worker)).Single(t => t.ElementId == "visit");

        var form = context.Render<TaskForm>(p => p.Add(x => x.Task, task));
        form.WaitForAssertion(() => Assert.Contains("Clore la tâche : Refus de la personne", form.Find("[data-testid=task-exit-PERSON_REFUSES]").TextContent));
        Assert.Contains("Signaler : Situation de danger", form.Find("[data-testid=task-exit-DANGER]").TextContent);
        await form.Find("[data-testid=task-exit-PERSON_REFUSES]").ClickAsync(new());

        Assert.Contains(await h.OpenTasksAsync(episode), t => t.ElementId == "recordRefusal");
        var shown = Assert.Single(context.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars);
        Assert.Equal("« Refus de la personne » : le parcours en tient compte.", shown.Message);
    }
}
