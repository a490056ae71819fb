using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Messaging;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Tests.Pathways;

/// <summary>A person's answer the pathway cannot go on with: refused in French, nothing saved, an incident for the administrator.</summary>
public sealed class StepFailureTests
{
    [Fact]
    public async Task A_decision_the_next_gateway_cannot_evaluate_is_refused_in_french_leaves_the_task_open_and_opens_an_incident_on_the_gateway()
    {
        await using var h = await PathwayHarness.CreateAsync();
        // A published version whose admission condition reads a variable no task writes (a slip an administrator can make).
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "workflow-definitions", "lhss.bpmn"));
        var faulty = shipped.Replace("${decision === 'admit' &amp;&amp; opinion", "${decisionn === 'admit' &amp;&amp; opinion");
        Assert.NotEqual(shipped, faulty);
        await h.Services.GetRequiredService<DefinitionStore>().DeployAsync(faulty, "admin");
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });

        var refusal = await Assert.ThrowsAsync<StepFailedException>(() =>
            h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" }));

        Assert.Equal("admitted", refusal.ElementId);
        Assert.Equal("Le parcours ne peut pas continuer après cette action : l'étape « admitted » de sa définition a échoué. Rien n'a été enregistré ; " +
            "un incident est ouvert pour l'administrateur des parcours, qui en voit la cause. Vous pourrez recommencer une fois la définition corrigée.",
            StepFailureWording.French(refusal));
        Assert.Contains(await h.OpenTasksAsync(episode), t => t.ElementId == "directorDecision");
        await using var db = await h.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var incident = Assert.Single(await db.Incidents.Where(i => i.ResolvedAt == null).ToListAsync());
        Assert.Equal("admitted", incident.ElementId);
        Assert.Contains("decisionn is not defined", incident.Message);
    }
}
