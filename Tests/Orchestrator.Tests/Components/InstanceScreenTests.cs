using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Components.Pages.Admin;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Tests.Components;

/// <summary>The administrator's list of instances (« Exécutions »).</summary>
public sealed class InstanceScreenTests
{
    [Fact]
    public async Task Showing_only_incidents_finds_an_old_one_beyond_the_most_recent_instances()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var old = (await h.EpisodeAsync(await h.ReferAsync(DeviceType.Lhss))).InstanceId!.Value;
        await using (var db = await h.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            db.Incidents.Add(new IncidentRecord { Id = Guid.NewGuid(), InstanceId = old, ElementId = "medicalOpinion", Message = "Échec", CreatedAt = h.Clock.GetUtcNow(), Attempts = 1 });
            await db.SaveChangesAsync();
        }
        // More instances, all active after it: the old one is no longer among the most recent the list shows.
        await h.Services.GetRequiredService<DefinitionStore>().DeployAsync("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:process id="wait" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:userTask id="t" /><bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="b" sourceRef="t" targetRef="e" /></bpmn:process>
            </bpmn:definitions>
            """, "test");
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < Application.Instances.ListInstancesQuery.MaxRows; i++) await h.Engine.StartAsync("wait");
        await using var context = ComponentHarness.Context(h, await h.AdministratorAsync());

        var page = context.Render<Instances>();

        page.WaitForAssertion(() => Assert.Contains("Les 200 exécutions les plus récemment actives sont affichées.", page.Find("[data-testid=instances-capped]").TextContent));

        page.Find("input[data-testid=incidents-only]").Change(true);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=instances] tbody tr")));
        Assert.Contains($"/admin/instances/{old}", page.Find("[data-testid=instances] tbody tr").InnerHtml);
        Assert.Contains("en cours", page.Find("[data-testid=instances] tbody tr").TextContent); // its state in French, not « Running »
    }

    [Fact]
    public async Task An_instance_is_listed_under_its_pathway_s_name_with_the_definition_key_beside_it()
    {
        await using var h = await PathwayHarness.CreateAsync();
        await h.ReferAsync(DeviceType.Lhss);
        await using var context = ComponentHarness.Context(h, await h.AdministratorAsync());

        var page = context.Render<Instances>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=instances] tbody tr a")));
        var pathway = page.Find("[data-testid=instances] tbody tr td");
        Assert.Contains("LHSS — lits halte soins santé", pathway.TextContent);
        Assert.Equal("lhss", pathway.QuerySelector("code")!.TextContent);
    }

    [Fact]
    public async Task Showing_only_incidents_when_there_is_none_says_so_rather_than_leaving_an_empty_table()
    {
        await using var h = await PathwayHarness.CreateAsync();
        await h.ReferAsync(DeviceType.Lhss);
        await using var context = ComponentHarness.Context(h, await h.AdministratorAsync());
        var page = context.Render<Instances>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=instances] tbody tr a")));

        page.Find("input[data-testid=incidents-only]").Change(true);

        page.WaitForAssertion(() => Assert.Equal("Aucune instance en incident : tous les parcours avancent.", page.Find("[data-testid=no-instance]").TextContent));
    }
    [Fact]
    public async Task A_pathway_a_signal_could_not_start_is_shown_to_the_administrator_who_closes_it_once_read()
    {
        await using var h = await PathwayHarness.CreateAsync();
        await h.Services.GetRequiredService<DefinitionStore>().DeployAsync("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:signal id="Closure" name="structure-closed" />
              <bpmn:process id="relocation" isExecutable="true"><bpmn:startEvent id="closed"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:startEvent>
                <bpmn:exclusiveGateway id="where" /><bpmn:userTask id="relocate" /><bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="a" sourceRef="closed" targetRef="where" />
                <bpmn:sequenceFlow id="b" sourceRef="where" targetRef="relocate"><bpmn:conditionExpression>${beds > 0}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="c" sourceRef="relocate" targetRef="e" /></bpmn:process>
            </bpmn:definitions>
            """, "test");
        await h.Engine.BroadcastSignalAsync("structure-closed");
        await using var context = ComponentHarness.Context(h, await h.AdministratorAsync());

        var page = context.Render<Instances>();

        // No execution exists to show it under: the failed start has a place of its own, with its cause.
        page.WaitForAssertion(() => Assert.Contains("Parcours qui n'ont pas pu démarrer : 1", page.Find("[data-testid=start-failures]").TextContent));
        Assert.Contains("process 'relocation' (version 1) could not start on signal 'structure-closed'", page.Find("[data-testid=start-failures]").TextContent);
        Assert.Equal("where", page.Find("[data-testid=start-failures] code").TextContent);

        page.Find("[data-testid=retry-start]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=start-failures]")));
    }
}
