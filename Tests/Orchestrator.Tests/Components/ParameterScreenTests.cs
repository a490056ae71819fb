using Bunit;
using Orchestrator.Application.Settings;
using Orchestrator.Components.Pages;
using Orchestrator.Components.Pages.Admin;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Components;

/// <summary>The « Délais » screen reads deadlines in words, shows the structures departing from the common value by département, and the partner's form files a fiche alerte.</summary>
public sealed class ParameterScreenTests
{
    [Fact]
    public async Task The_deadlines_screen_shows_the_common_value_and_a_structures_own_value_under_its_departement()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var admin = await h.AdministratorAsync();
        await h.SendAsync(new SetPathwayParameterCommand("lhss", "dipcDeadline", "P12D"), admin);
        await h.SendAsync(new SetPathwayParameterCommand("lhss", "dipcDeadline", "P8D", h.Structures[DeviceType.Lhss].Id), admin);
        await using var context = ComponentHarness.Context(h, admin);

        var page = context.Render<Parameters>(p => p.Add(x => x.Key, "lhss"));

        page.WaitForAssertion(() => Assert.Equal("12 jours", page.Find("[data-testid=value-dipcDeadline]").TextContent.Trim()));
        Assert.Contains("59 : LHSS test 8 jours", page.Find("[data-testid=overrides-dipcDeadline]").TextContent);
        Assert.Equal("défaut", page.Find("[data-testid=value-plannedStay]").TextContent.Trim());
        Assert.Equal("Délais du parcours « LHSS — lits halte soins santé »", page.Find("[data-testid=parameters-title]").TextContent.Trim());
    }

    [Fact]
    public async Task A_partner_files_an_urgent_fiche_alerte_from_the_form_and_reads_the_meeting_deadline()
    {
        await using var h = await PathwayHarness.CreateAsync();
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Chrs, StaffRole.SocialWorker));

        var page = context.Render<ComplexSituationAlert>();
        page.WaitForAssertion(() => page.Find("[data-testid=alert-submit]"));
        page.Find("input[data-testid=alert-pseudonym]").Input("G. H. 0007");
        page.Find("textarea[data-testid=alert-situation]").Input("Plus de traitement depuis une semaine, errance, chute hier.");
        page.Find("input[data-testid=alert-urgent]").Change(true);
        await page.Find("[data-testid=alert-submit]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("réunion de concertation à tenir avant le 07/01/2026 09:00", page.Find("[data-testid=alert-filed]").TextContent));
    }
}
