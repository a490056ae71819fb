using Microsoft.Extensions.DependencyInjection;
using Bunit;
using Microsoft.AspNetCore.Components;
using Orchestrator.Components.Layout;
using Orchestrator.Components.Pages;
using Orchestrator.Components.Shared;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Components;

public sealed class ScreenTests
{
    private static async Task<(PathwayHarness H, Guid Episode)> AdmittedAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        return (h, episode);
    }

    [Fact]
    public async Task The_risk_board_lists_overdue_alerts_first_with_french_labels()
    {
        var (h, _) = await AdmittedAsync();
        await using var _ = h;
        await h.AdvanceAsync(TimeSpan.FromDays(62));
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Lhss, StaffRole.Coordinator));

        var board = context.Render<Alerts>();

        board.WaitForAssertion(() => Assert.Contains("Séjour dépassé", board.Markup));
        var rows = board.FindAll("[data-testid=risk-board] tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Contains("en retard", r.TextContent));
        Assert.Contains("élevée", rows[0].TextContent); // the overstay is the most severe of the overdue ones
    }

    [Fact]
    public async Task The_dashboard_opens_on_this_week_with_the_overdue_medical_opinion_and_its_alert_before_the_one_due_in_two_days()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var late = await h.ReferAsync(DeviceType.Lhss);
        var due = (await h.TaskAsync(late, "medicalOpinion")).DueAt!.Value;
        h.Clock.SetUtcNow(due + TimeSpan.FromDays(3));
        await h.Services.GetRequiredService<Application.Tasks.OverdueTaskScan>().ScanAsync();
        var soon = await h.ReferAsync(DeviceType.Lhss); // its medical opinion is due in two days (P2D)
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);
        await using var context = ComponentHarness.Context(h, coordinator);

        var home = context.Render<Home>();

        home.WaitForAssertion(() => Assert.Equal(2, home.FindAll("[data-testid=week-person]").Count));
        var people = home.FindAll("[data-testid=week-person]");
        Assert.Contains($"/personnes/{(await h.EpisodeAsync(late)).PersonId}", people[0].InnerHtml);
        Assert.Contains("Avis du médecin responsable", people[0].TextContent);
        Assert.Contains("en retard de 3 jours", people[0].TextContent);
        var lateAlert = people[0].QuerySelector("[data-testid=week-alert]")!.TextContent;
        Assert.Contains("Tâche en retard", lateAlert);
        Assert.Contains("Avis du médecin responsable", lateAlert); // which task it is about, not only its type
        Assert.Contains("réservé au médecin", people[0].TextContent); // the coordinator supervises, the doctor decides
        Assert.Contains($"/personnes/{(await h.EpisodeAsync(soon)).PersonId}", people[1].InnerHtml);
        Assert.Contains("dans 2 jours", people[1].TextContent);
        Assert.Null(people[1].QuerySelector("[data-testid=week-alert]"));

    }

    [Fact]
    public async Task All_episodes_shows_the_page_the_server_cut_soonest_deadline_first_and_filters_a_stage_on_the_server()
    {
        var (h, admitted) = await AdmittedAsync();
        await using var _ = h;
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        var waiting = await h.ReferAsync(DeviceType.Lhss); // its medical opinion is due in two days, before anything of the admitted stay
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        var home = context.Render<Home>();
        home.WaitForAssertion(() => Assert.Contains(home.FindAll(".mud-tab"), t => t.TextContent.Contains("Tous les épisodes")));

        await home.FindAll(".mud-tab").First(t => t.TextContent.Contains("Tous les épisodes")).ClickAsync(new());

        home.WaitForAssertion(() => Assert.Equal(2, home.FindAll("[data-testid=episodes] tbody tr").Count));
        var rows = home.FindAll("[data-testid=episodes] tbody tr");
        Assert.Contains($"/personnes/{(await h.EpisodeAsync(waiting)).PersonId}", rows[0].InnerHtml);
        Assert.Contains("Avis du médecin responsable", rows[0].TextContent);
        Assert.Contains($"/personnes/{(await h.EpisodeAsync(admitted)).PersonId}", rows[1].InnerHtml);
        Assert.Contains("1-2 sur 2", home.Find("[data-testid=episodes]").TextContent);
        Assert.Equal(("1", "1"), (home.Find("[data-testid=count-Entry]").TextContent, home.Find("[data-testid=count-Stay]").TextContent));

        await home.Find("[data-testid=stage-Stay]").ClickAsync(new());

        home.WaitForAssertion(() => Assert.Contains("1-1 sur 1", home.Find("[data-testid=episodes]").TextContent));
        Assert.Contains($"/personnes/{(await h.EpisodeAsync(admitted)).PersonId}", Assert.Single(home.FindAll("[data-testid=episodes] tbody tr")).InnerHtml);
        Assert.Equal("1", home.Find("[data-testid=count-Entry]").TextContent); // the counters are the team's, whatever the stage shown
    }

    [Fact]
    public async Task Picking_a_stage_from_a_later_page_of_all_episodes_shows_the_first_page_of_that_stage()
    {
        var (h, admitted) = await AdmittedAsync();
        await using var _ = h;
        for (var i = 0; i < 25; i++) await h.ReferAsync(DeviceType.Lhss);
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        var home = context.Render<Home>();
        home.WaitForAssertion(() => Assert.Contains(home.FindAll(".mud-tab"), t => t.TextContent.Contains("Tous les épisodes")));
        await home.FindAll(".mud-tab").First(t => t.TextContent.Contains("Tous les épisodes")).ClickAsync(new());
        home.WaitForAssertion(() => Assert.Contains("1-25 sur 26", home.Find("[data-testid=episodes]").TextContent));

        await home.FindAll("[data-testid=episodes] .mud-table-pagination-actions button")[2].ClickAsync(new()); // next page
        home.WaitForAssertion(() => Assert.Contains("26-26 sur 26", home.Find("[data-testid=episodes]").TextContent));
        await home.Find("[data-testid=stage-Stay]").ClickAsync(new());

        home.WaitForAssertion(() => Assert.Contains("1-1 sur 1", home.Find("[data-testid=episodes]").TextContent));
        Assert.Contains($"/personnes/{(await h.EpisodeAsync(admitted)).PersonId}", Assert.Single(home.FindAll("[data-testid=episodes] tbody tr")).InnerHtml);
    }

    [Fact]
    public async Task Every_screen_offers_a_folded_help_text_in_french()
    {
        var (h, _) = await AdmittedAsync();
        await using var _ = h;
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Lhss, StaffRole.Coordinator));

        var home = context.Render<Home>();
        Assert.Empty(home.FindAll("[data-testid=help-text]"));
        await home.Find("[data-testid=help-toggle]").ClickAsync(new());

        Assert.Contains("Cette semaine", home.Find("[data-testid=help-text]").TextContent);
        var pages = typeof(Home).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith("Orchestrator.Components.Pages") == true
            && t.GetCustomAttributes(typeof(RouteAttribute), false).Length > 0 && t.Name is not ("SignIn" or "NotFound" or "Instance")).ToList();
        Assert.True(pages.Count >= 12);
        var withoutHelp = pages.Where(p => !File.ReadAllText(SourceOf(p)).Contains("<ScreenHelp>")).Select(p => p.Name).ToList();
        Assert.Empty(withoutHelp);
    }

    private static string SourceOf(Type page)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Orchestrator.sln"))) root = root.Parent!;
        return Directory.GetFiles(Path.Combine(root.FullName, "Orchestrator", "Components", "Pages"), page.Name + ".razor", SearchOption.AllDirectories).Single();
    }

    [Fact]
    public async Task This_week_refuses_a_horizon_beyond_a_month()
    {
        await using var h = await PathwayHarness.CreateAsync();

        var refusal = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => h.SendAsync(new Application.Boards.ThisWeekQuery(90), h.Staff(DeviceType.Lhss, StaffRole.Coordinator)));

        Assert.Contains("1 à 31 jours", refusal.Message);
    }

    [Fact]
    public async Task A_task_form_shows_the_definition_fields_and_refuses_to_complete_without_the_required_ones()
    {
        var (h, episode) = await AdmittedAsync();
        await using var _ = h;
        await h.AdvanceAsync(TimeSpan.FromDays(56));
        var doctor = h.Staff(DeviceType.Lhss, StaffRole.Doctor);
        await using var context = ComponentHarness.Context(h, doctor);
        var task = (await h.SendAsync(new Application.Boards.ListMyTasksQuery(), doctor)).Single(t => t.ElementId == "renewalDecision");

        var form = context.Render<TaskForm>(p => p.Add(x => x.Task, task));
        Assert.NotNull(form.Find("[data-testid=field-renewal]"));
        await form.Find("[data-testid=complete-task]").ClickAsync(new());

        Assert.Contains(await h.OpenTasksAsync(episode), t => t.ElementId == "renewalDecision");
    }

    [Fact]
    public async Task The_doctors_renewal_form_shows_when_the_new_period_starts_and_offers_its_end_within_two_months()
    {
        var (h, _) = await AdmittedAsync();
        await using var _h = h;
        await h.AdvanceAsync(TimeSpan.FromDays(56));
        var doctor = h.Staff(DeviceType.Lhss, StaffRole.Doctor);
        await using var context = ComponentHarness.Context(h, doctor);
        var task = (await h.SendAsync(new Application.Boards.ListMyTasksQuery(), doctor)).Single(t => t.ElementId == "renewalDecision");

        var form = context.Render<TaskForm>(p => p.Add(x => x.Task, task));

        // Admitted on 5 January: the first period ends on 5 March, the renewed one may end on 5 May at the latest.
        form.WaitForAssertion(() => Assert.Contains("La période commence le 05/03/2026 ; elle peut finir au plus tard le 05/05/2026.", form.Markup));
        var end = form.Find("input[data-testid=field-renewedUntil]");
        Assert.Equal(("2026-05-05", "2026-03-06", "2026-05-05"), (end.GetAttribute("value"), end.GetAttribute("min"), end.GetAttribute("max")));
    }

    [Fact]
    public async Task A_task_completed_meanwhile_by_a_colleague_is_refused_on_the_open_form_with_a_french_message()
    {
        var (h, episode) = await AdmittedAsync();
        await using var _ = h;
        var worker = h.Staff(DeviceType.Lhss, StaffRole.SocialWorker);
        await using var context = ComponentHarness.Context(h, worker);
        var task = (await h.SendAsync(new Application.Boards.ListMyTasksQuery(), worker)).Single(t => t.ElementId == "dipcHandover");
        var form = context.Render<TaskForm>(p => p.Add(x => x.Task, task));

        await h.CompleteAsync(episode, "dipcHandover", worker); // from another screen, before this one is sent
        await form.Find("[data-testid=complete-task]").ClickAsync(new());

        var shown = Assert.Single(context.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars);
        Assert.Equal(MudBlazor.Severity.Error, shown.Severity);
        Assert.StartsWith("Cette tâche a déjà été traitée", shown.Message);
    }

    [Fact]
    public async Task A_coordinator_opening_the_doctors_task_sees_it_read_only_as_reserved_to_the_doctor()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);
        await using var context = ComponentHarness.Context(h, coordinator);

        var page = context.Render<MyTasks>();
        page.WaitForAssertion(() => Assert.Contains("Avis du médecin responsable", page.Markup));
        Assert.Contains("réservé au médecin", page.Find("[data-testid=task-medicalOpinion]").TextContent);
        var task = (await h.SendAsync(new Application.Boards.ListMyTasksQuery(), coordinator)).Single(t => t.ElementId == "medicalOpinion");
        var form = context.Render<TaskForm>(p => p.Add(x => x.Task, task));

        Assert.Contains("Lecture seule : réservé au médecin.", form.Find("[data-testid=task-reserved]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=complete-task]"));
        Assert.Contains(await h.OpenTasksAsync(episode), t => t.ElementId == "medicalOpinion");
    }

    [Fact]
    public async Task The_regional_viewer_reads_small_occupancy_counts_as_less_than_11_and_the_coordinator_the_numbers()
    {
        var (h, _) = await AdmittedAsync();
        await using var _ = h;
        var viewer = new StaffMember { UserName = "ars", DisplayName = "ARS", Role = StaffRole.RegionalViewer };
        await using var context = ComponentHarness.Context(h, viewer);

        var page = context.Render<Occupancy>();
        page.WaitForAssertion(() => Assert.Contains(h.Structures[DeviceType.Lhss].Name, page.Markup));
        var row = page.FindAll("[data-testid=occupancy] tbody tr").Single(r => r.TextContent.Contains(h.Structures[DeviceType.Lhss].Name));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["20", "< 11", "—", "0"], cells[3..7]);
        Assert.Contains("Site principal : < 11/20", cells[7]);
        Assert.NotNull(page.Find("[data-testid=suppressed-note]"));
        // Its bar would give the count back from the places: the structure has none on the chart.
        Assert.DoesNotContain(page.FindAll("[data-testid=occupancy-bar]"), b => b.TextContent.Contains(h.Structures[DeviceType.Lhss].Name));

        await using var coordinatorContext = ComponentHarness.Context(h, h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        var seen = coordinatorContext.Render<Occupancy>();
        seen.WaitForAssertion(() => Assert.Contains(h.Structures[DeviceType.Lhss].Name, seen.Markup));
        var exact = seen.FindAll("[data-testid=occupancy] tbody tr").Single(r => r.TextContent.Contains(h.Structures[DeviceType.Lhss].Name));
        Assert.Equal("1", exact.QuerySelectorAll("td")[4].TextContent.Trim());
        var bar = seen.FindAll("[data-testid=occupancy-bar]").Single(b => b.TextContent.Contains(h.Structures[DeviceType.Lhss].Name));
        Assert.Contains("1 / 20 places (5 %)", bar.TextContent);
        Assert.Equal("1 / 20 places (5 %)", bar.QuerySelector("svg")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task A_director_records_that_a_referent_left_and_the_person_they_followed_is_flagged_without_referent()
    {
        var (h, episode) = await AdmittedAsync();
        await using var _ = h;
        var socialWorker = h.Staff(DeviceType.Lhss, StaffRole.SocialWorker);
        Assert.Equal(socialWorker.Id, (await h.EpisodeAsync(episode)).ReferentId);
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Lhss, StaffRole.Director));

        var team = context.Render<Team>();
        team.WaitForAssertion(() => Assert.Contains(socialWorker.DisplayName, team.Markup));
        var row = team.FindAll("[data-testid=team] tbody tr").Single(r => r.TextContent.Contains(socialWorker.DisplayName));
        Assert.Contains("travailleur social", row.TextContent);
        await row.QuerySelector("[data-testid=leave]")!.ClickAsync(new());
        await team.Find("[data-testid=confirm-leave]").ClickAsync(new());

        team.WaitForAssertion(() => Assert.Contains("A quitté l'équipe", team.FindAll("[data-testid=team] tbody tr").Single(r => r.TextContent.Contains(socialWorker.DisplayName)).TextContent));
        Assert.Null((await h.EpisodeAsync(episode)).ReferentId); // nobody else in this team follows people
        Assert.Contains(await h.AlertsAsync(episode), a => a.Type == "no-referent");
    }

    [Theory]
    [InlineData(StaffRole.Administrator, true, false)]
    [InlineData(StaffRole.Coordinator, false, true)]
    [InlineData(StaffRole.RegionalViewer, false, false)]
    public async Task The_menu_offers_each_role_its_screens_only(StaffRole role, bool seesDesigner, bool seesTasks)
    {
        await using var h = await PathwayHarness.CreateAsync();
        await using var context = ComponentHarness.Context(h, null);
        var menu = context.Render<CascadingValue<StaffMember?>>(p => p
            .Add(x => x.Value, new StaffMember { UserName = "x", DisplayName = "X", Role = role })
            .AddChildContent<NavMenu>());

        Assert.Equal(seesDesigner, menu.Markup.Contains("Définitions de parcours"));
        Assert.Equal(seesTasks, menu.Markup.Contains("Mes tâches"));
        Assert.Equal(role != StaffRole.Referent, menu.Markup.Contains("Occupation"));
        Assert.Equal(role == StaffRole.Coordinator, menu.Markup.Contains("Équipe"));
    }
}
