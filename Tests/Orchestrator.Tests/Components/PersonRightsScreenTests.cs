using Bunit;
using Microsoft.AspNetCore.Components;
using Orchestrator.Application.Consents;
using Orchestrator.Components.Pages;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Components;

/// <summary>The person page shows the person's rights over their data and the consents' states; the team page names the deputy director.</summary>
public sealed class PersonRightsScreenTests
{
    private static async Task<(PathwayHarness H, Guid Episode, Guid Person)> AdmittedAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        return (h, episode, (await h.EpisodeAsync(episode)).PersonId);
    }

    [Fact]
    public async Task The_person_page_shows_the_pathways_own_deadlines_beside_the_open_tasks_and_a_consented_structure_none()
    {
        var (h, _, person) = await AdmittedAsync();
        await using var _h = h;
        await h.SendAsync(new GrantConsentCommand(person, h.Structures[DeviceType.Act].Id, "Préparer une orientation", ["social"]),
            h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Lhss, StaffRole.Coordinator));

        var page = context.Render<Person>(p => p.Add(x => x.Id, person));

        // Admitted on 5 January for two months: the renewal decision opens a week before the planned end of 5 March.
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=pathway-deadline]"),
            row => row.TextContent.Contains("26/02/2026 09:00") && row.TextContent.Contains("Fin de période proche")));
        var reader = await h.SendAsync(new Application.People.GetPersonRecordQuery(person), h.Staff(DeviceType.Act, StaffRole.Coordinator));
        Assert.Empty(reader.PathwayDeadlines);
    }

    [Fact]
    public async Task Recording_the_objection_on_the_person_page_revokes_the_consents_and_removes_the_consent_form()
    {
        var (h, episode, person) = await AdmittedAsync();
        await using var _ = h;
        await h.SendAsync(new GrantConsentCommand(person, h.Structures[DeviceType.Act].Id, "Préparer une orientation", ["social", "medical"]),
            h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        await h.CompleteAsync(episode, Application.People.PersonRights.InformationTaskId, h.Staff(DeviceType.Lhss, StaffRole.SocialWorker), new() { ["informed"] = true });
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Lhss, StaffRole.SocialWorker));

        var page = context.Render<Person>(p => p.Add(x => x.Id, person));
        page.WaitForAssertion(() => Assert.Contains("Informée du partage de ses données le 05/01/2026", page.Find("[data-testid=sharing-informed]").TextContent));
        Assert.Contains("social et médical", page.Find("[data-testid=consents]").TextContent);
        Assert.NotNull(page.Find("[data-testid=consent-form]"));

        await page.Find("[data-testid=record-objection]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("S'oppose depuis le 05/01/2026", page.Find("[data-testid=sharing-objection]").TextContent));
        Assert.Contains("retiré le 05/01/2026", page.Find("[data-testid=consents]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=consent-form]"));
    }

    [Fact]
    public async Task A_structure_reading_through_a_consent_sees_the_record_without_the_forms()
    {
        var (h, _, person) = await AdmittedAsync();
        await using var _ = h;
        await h.SendAsync(new GrantConsentCommand(person, h.Structures[DeviceType.Act].Id, "Préparer une orientation", ["social"]),
            h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Act, StaffRole.Coordinator));

        var page = context.Render<Person>(p => p.Add(x => x.Id, person));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=timeline]")));
        Assert.Empty(page.FindAll("[data-testid=consent-form]"));
        Assert.Empty(page.FindAll("[data-testid=record-objection]"));
        Assert.Empty(page.FindAll("[data-testid=add-note]"));
        Assert.Empty(page.FindAll("[data-testid=deadlines] tr"));
    }

    [Fact]
    public async Task The_director_names_a_deputy_from_the_team_page()
    {
        var (h, _, _) = await AdmittedAsync();
        await using var _ = h;
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);
        var director = h.Staff(DeviceType.Lhss, StaffRole.Director);
        await using var context = ComponentHarness.Context(h, director);

        var team = context.Render<CascadingValue<StaffMember?>>(p => p.Add(x => x.Value, director).AddChildContent<Team>());
        team.WaitForAssertion(() => Assert.Contains(coordinator.DisplayName, team.Markup));
        var row = team.FindAll("[data-testid=team] tbody tr").Single(r => r.TextContent.Contains(coordinator.DisplayName));
        await row.QuerySelector("[data-testid=name-deputy]")!.ClickAsync(new());

        team.WaitForAssertion(() => Assert.Contains("directeur adjoint",
            team.FindAll("[data-testid=team] tbody tr").Single(r => r.TextContent.Contains(coordinator.DisplayName)).TextContent));
        Assert.NotNull(team.Find("[data-testid=withdraw-deputy]"));
    }
}
