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
}
