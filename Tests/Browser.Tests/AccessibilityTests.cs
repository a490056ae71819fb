using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Orchestrator.Browser.Tests.Support;

namespace Orchestrator.Browser.Tests;

/// <summary>Every page, for the roles that reach it, passes axe-core with no serious or critical violation (WCAG 2.1 A and AA rules).</summary>
[Collection(nameof(BrowserCollection))]
public sealed class AccessibilityTests(BrowserApp app)
{
    private static readonly AxeRunOptions Wcag = new() { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

    public static TheoryData<string, string> Pages => new()
    {
        { "coordinateur", "/" },
        { "coordinateur", "/alertes" },
        { "coordinateur", "/mes-taches" },
        { "coordinateur", "/orientations" },
        { "coordinateur", "/occupation" },
        { "coordinateur", "/indicateurs" },
        { "coordinateur", "/rapports" },
        { "coordinateur", "/equipe" },
        { "coordinateur", "/recherche?q=A.%20X" },
        { "coordinateur", "person" },
        { "chrs-social", "/fiche-alerte" },
        { "coordinateur", "/demande-admission" },
        { "coordinateur", "/une-page-qui-n-existe-pas" },
        { "admin", "/admin/definitions" },
        { "admin", "/admin/definitions/lhss" },
        { "admin", "/admin/instances" },
        { "admin", "/admin/courriels" },
        { "observatoire", "/indicateurs" },
        { "observatoire", "/occupation" },
        { "observatoire", "/rapports" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_accessibility_violation(string account, string path)
    {
        if (path == "person") path = $"/personnes/{(await PersonAsync()).PersonId}";
        var page = await app.SignInAsync(account);
        await using var _ = new ClosesContext(page); // each page's live connection ends with its check
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("h1")).ToHaveCountAsync(1); // one page title

        var results = await page.RunAxe(Wcag);

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{path} as {account}:\n" + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html))}")));
    }

    [Fact]
    public async Task A_keyboard_user_skips_the_menu_to_the_page_and_completes_a_task_without_the_mouse()
    {
        var admission = await app.AdmitAsync("K. B. 0101", "referent");
        await app.AdvanceAsync(TimeSpan.FromDays(1));
        var page = await app.SignInAsync("referent");
        await page.GotoAsync("/mes-taches");
        await Assertions.Expect(page.GetByTestId("my-tasks")).ToBeVisibleAsync();

        // Blazor puts the focus on the page's <h1> after each navigation; a keyboard user arriving from the top of the page starts here.
        await page.EvaluateAsync("() => { const top = document.createElement('span'); top.tabIndex = -1; document.body.prepend(top); top.focus(); top.remove(); }");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("skip-link")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("skip-link")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#main-content")).ToBeFocusedAsync(); // on the same page, past the menu
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mes-taches$"));

        // The DIPC task: open its panel and validate it with the keyboard only.
        var panel = page.GetByTestId("task-dipcHandover").Filter(new() { HasText = "K. B. 0101" });
        await panel.Locator(".mud-expand-panel-header").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(panel).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-panel-expanded"));
        var complete = panel.GetByTestId("complete-task");
        await Assertions.Expect(complete).ToBeVisibleAsync();
        await complete.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "est faite" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await OpenTaskElementsAsync(admission.EpisodeId), e => e == "dipcHandover");
    }

    private async Task<List<string>> OpenTaskElementsAsync(Guid episodeId)
    {
        var engineDb = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<
            Microsoft.EntityFrameworkCore.IDbContextFactory<Workflows.Persistence.WorkflowDbContext>>(app.Services);
        await using var db = await engineDb.CreateDbContextAsync();
        var key = episodeId.ToString();
        return db.Tasks.Where(t => t.BusinessKey == key && t.Status == Workflows.Persistence.HumanTaskStatus.Open).Select(t => t.ElementId).ToList();
    }

    [Fact]
    public async Task The_sign_in_page_has_no_serious_accessibility_violation()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/connexion");

        var results = await page.RunAxe(Wcag);

        Assert.Empty(results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
    }

    private sealed class ClosesContext(IPage page) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await page.Context.CloseAsync();
    }

    private AdmittedOnce? _person;

    private sealed record AdmittedOnce(Guid PersonId);

    private async Task<AdmittedOnce> PersonAsync()
    {
        if (_person is not null) return _person;
        var admission = await app.AdmitAsync("A. X. 0100", "referent");
        return _person = new AdmittedOnce(admission.PersonId);
    }
}
