using Bunit;

using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Components;

/// <summary>The report screen: each member is offered the reports they may read, and only the director writes the texts.</summary>
public sealed class ReportScreenTests
{
    [Fact]
    public async Task The_director_produces_the_evaluation_with_its_tables_and_writes_its_texts_the_coordinator_reads_them()
    {
        await using var h = await PathwayHarness.CreateAsync();
        await h.ReferAsync(DeviceType.Lhss);
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Lhss, StaffRole.Director));

        var page = context.Render<Orchestrator.Components.Pages.Reports>();
        page.WaitForAssertion(() => Assert.Contains("Évaluation annuelle LHSS", page.Find("[data-testid=report-kind]").TextContent));
        await page.Find("[data-testid=generate]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=report-table]")));
        var demand = page.FindAll("[data-testid=report-table]").Single(t => t.TextContent.Contains("Demandes d'admission reçues"));
        Assert.Contains("Demandes d'admission reçues", demand.QuerySelectorAll("tbody tr")[0].TextContent);
        Assert.EndsWith("1", demand.QuerySelectorAll("tbody tr")[0].TextContent.Trim());
        Assert.NotEmpty(page.FindAll("[data-testid=text-presentation]"));
        Assert.Contains($"/api/reports/evaluation-lhss?year={h.Clock.GetUtcNow().Year}&format=pdf&structure={h.Structures[DeviceType.Lhss].Id}",
            page.Find("[data-testid=download-pdf]").GetAttribute("href"));

        await using var coordinatorContext = ComponentHarness.Context(h, h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        var read = coordinatorContext.Render<Orchestrator.Components.Pages.Reports>();
        read.WaitForAssertion(() => Assert.Contains("Évaluation annuelle LHSS", read.Find("[data-testid=report-kind]").TextContent));
        await read.Find("[data-testid=generate]").ClickAsync(new());
        read.WaitForAssertion(() => Assert.Contains("(non renseigné par la direction)", read.Markup));
        Assert.Empty(read.FindAll("[data-testid=text-presentation]"));
    }

    [Fact]
    public async Task The_regional_viewer_is_offered_the_regional_version_only()
    {
        await using var h = await PathwayHarness.CreateAsync();
        await using var context = ComponentHarness.Context(h, new StaffMember { UserName = "ars", DisplayName = "ARS", Role = StaffRole.RegionalViewer });

        var page = context.Render<Orchestrator.Components.Pages.Reports>();
        page.WaitForAssertion(() => Assert.Contains("Indicateurs régionaux non nominatifs", page.Find("[data-testid=report-kind]").TextContent));
        await page.Find("[data-testid=generate]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("données agrégées non nominatives", page.Find("[data-testid=report]").TextContent));
        Assert.DoesNotContain("Évaluation annuelle", page.Markup);
        Assert.Empty(page.FindAll("textarea"));
    }
}
