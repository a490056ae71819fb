using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Persistence;

public sealed class DurabilityTests
{
    private static readonly string Admission = Process("admission", $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="medicalOpinion"><bpmn:extensionElements><orc:field name="favourable" type="boolean" required="true" /></bpmn:extensionElements></bpmn:userTask>
        <bpmn:boundaryEvent id="opinionLate" attachedToRef="medicalOpinion" cancelActivity="false">{Timer("timeDuration", "PT48H")}</bpmn:boundaryEvent>
        <bpmn:userTask id="directorDecision" />
        <bpmn:boundaryEvent id="decisionLate" attachedToRef="directorDecision">{Timer("timeDuration", "P7D")}</bpmn:boundaryEvent>
        <bpmn:userTask id="remind" /><bpmn:endEvent id="end" /><bpmn:endEvent id="reminded" /><bpmn:endEvent id="lateEnd" />
        {Flow("f1", "start", "medicalOpinion")}{Flow("f2", "medicalOpinion", "directorDecision")}{Flow("f3", "directorDecision", "end")}
        {Flow("f4", "opinionLate", "remind")}{Flow("f5", "remind", "reminded")}{Flow("f6", "decisionLate", "lateEnd")}
        """);

    [Fact]
    public Task An_instance_survives_a_host_restart_between_every_step() => SurvivesRestarts(() => WorkflowHarness.CreateAsync());

    [PostgresFact]
    public Task An_instance_survives_a_host_restart_between_every_step_on_PostgreSQL() => SurvivesRestarts(() => WorkflowHarness.CreateOnPostgresAsync());

    [Fact]
    public Task A_running_instance_stays_on_the_version_it_started_with() => StaysOnItsVersion(() => WorkflowHarness.CreateAsync());

    [PostgresFact]
    public Task A_running_instance_stays_on_the_version_it_started_with_on_PostgreSQL() => StaysOnItsVersion(() => WorkflowHarness.CreateOnPostgresAsync());

    [Fact]
    public Task Two_simultaneous_completions_of_one_task_commit_exactly_once() => CommitsOnce(() => WorkflowHarness.CreateAsync());

    [PostgresFact]
    public Task Two_simultaneous_completions_of_one_task_commit_exactly_once_on_PostgreSQL() => CommitsOnce(() => WorkflowHarness.CreateOnPostgresAsync());

    private static async Task SurvivesRestarts(Func<Task<WorkflowHarness>> harness)
    {
        await using var h = await harness();
        await h.DeployAsync(Admission);
        var id = await h.Engine.StartAsync("admission", new Dictionary<string, object?> { ["person"] = "P-3" });

        await h.RestartAsync();
        await h.AdvanceAsync(TimeSpan.FromHours(48));
        Assert.Equal(["medicalOpinion", "remind"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));

        await h.RestartAsync();
        await h.CompleteAsync(id, "medicalOpinion", new Dictionary<string, object?> { ["favourable"] = true });

        await h.RestartAsync();
        await h.AdvanceAsync(TimeSpan.FromDays(7));
        var instance = await h.InstanceAsync(id);
        Assert.Contains("P-3", instance.Variables);
        Assert.Contains("\"favourable\":true", instance.Variables);
        Assert.Equal(["remind"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Contains("completed:decisionLate", await h.TraceAsync(id));
    }

    private static async Task StaysOnItsVersion(Func<Task<WorkflowHarness>> harness)
    {
        await using var h = await harness();
        await h.DeployAsync(Admission);
        var old = await h.Engine.StartAsync("admission");
        await h.DeployAsync(Admission.Replace("PT48H", "PT24H"));
        var recent = await h.Engine.StartAsync("admission");

        Assert.Equal(1, (await h.InstanceAsync(old)).DefinitionVersion);
        Assert.Equal(2, (await h.InstanceAsync(recent)).DefinitionVersion);
        await h.AdvanceAsync(TimeSpan.FromHours(24));
        Assert.Single(await h.OpenTasksAsync(old));
        Assert.Equal(2, (await h.OpenTasksAsync(recent)).Count);

        var versions = await h.Definitions.ListAsync();
        Assert.Equal([DefinitionState.Published, DefinitionState.Retired], versions.Select(v => v.State));
    }

    private static async Task CommitsOnce(Func<Task<WorkflowHarness>> harness)
    {
        await using var h = await harness();
        await h.DeployAsync(Admission);
        for (var round = 0; round < 5; round++)
        {
            var id = await h.Engine.StartAsync("admission");
            var task = (await h.OpenTasksAsync(id)).Single();
            var values = new Dictionary<string, object?> { ["favourable"] = true };
            var attempts = Enumerable.Range(0, 2).Select(_ => Task.Run(() => h.Engine.CompleteTaskAsync(task.Id, values))).ToArray();
            var outcomes = await Task.WhenAll(attempts.Select(async a =>
            {
                try { await a; return "won"; }
                catch (WorkflowConflictException) { return "conflict"; }
            }));

            Assert.Equal(["conflict", "won"], outcomes.Order());
            Assert.Single((await h.TraceAsync(id)), e => e == "completed:medicalOpinion");
            Assert.Single(await h.OpenTasksAsync(id), t => t.ElementId == "directorDecision");
        }
    }
}
