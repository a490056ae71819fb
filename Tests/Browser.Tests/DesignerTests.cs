using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orchestrator.Browser.Tests.Support;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Browser.Tests;

[Collection(nameof(BrowserCollection))]
public sealed class DesignerTests(BrowserApp app)
{
    [Fact]
    public async Task An_administrator_edits_a_timer_and_publishes_and_only_new_episodes_use_the_new_version()
    {
        var running = await app.AdmitAsync("V. A. 0005", "referent");

        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/definitions");
        await Assertions.Expect(page.GetByTestId("definitions")).ToContainTextAsync("LHSS — lits halte soins santé");
        await BrowserApp.ScreenshotAsync(page, "05-definitions");
        await page.GetByTestId("edit-lhss").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(page, "06-concepteur");

        // The stay is a sub-process: its timers are one level down, as in any bpmn-js drill-down.
        await page.Locator(".bjs-drilldown").First.ClickAsync();
        await page.Locator("g.djs-element[data-element-id='dipcLate']").First.ClickAsync(new() { Force = true });
        var value = page.GetByTestId("timer-value");
        await Assertions.Expect(value).ToHaveValueAsync("${dipcDeadline}");
        await value.FillAsync("P10D");
        await value.PressAsync("Tab");
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Nouvelle version publiée" })).ToBeVisibleAsync();

        var later = await app.AdmitAsync("N. V. 0006", "referent");
        var engineDb = app.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await engineDb.CreateDbContextAsync();
        var versions = await db.Instances.Where(i => i.Id == running.InstanceId || i.Id == later.InstanceId)
            .Join(db.Definitions, i => i.DefinitionId, d => d.Id, (i, d) => new { i.Id, d.Version }).ToDictionaryAsync(x => x.Id, x => x.Version);
        Assert.Equal(1, versions[running.InstanceId]);
        Assert.Equal(2, versions[later.InstanceId]);
        var dipcTimers = await db.Bookmarks.Where(b => b.ElementId == "dipcLate").ToListAsync();
        var now = app.Clock.GetUtcNow();
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"); // deadlines are calendar days, across summer time too
        Assert.Equal(Workflows.Timing.IsoDuration.Parse("P10D").AddTo(now, paris), dipcTimers.Single(b => b.InstanceId == later.InstanceId).DueAt);
        Assert.Equal(Workflows.Timing.IsoDuration.Parse("P15D").AddTo(now, paris), dipcTimers.Single(b => b.InstanceId == running.InstanceId).DueAt);
    }
}
