using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orchestrator.Browser.Tests.Support;

namespace Orchestrator.Browser.Tests;

/// <summary>The journeys of the three kinds of users, in Chromium against the real app; screenshots go to test-output/.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class JourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_coordinator_sees_an_overdue_stay_on_the_risk_board()
    {
        await app.AdmitAsync("R. O. 0001", "referent");
        await app.AdvanceAsync(TimeSpan.FromDays(62));

        var page = await app.SignInAsync("coordinateur");
        var week = page.GetByTestId("week-person").Filter(new() { HasText = "R. O. 0001" });
        await Assertions.Expect(week.GetByTestId("week-alert").Filter(new() { HasText = "Séjour dépassé" })).ToContainTextAsync("en retard de");
        await BrowserApp.ScreenshotAsync(page, "01-tableau-de-bord");
        await page.GotoAsync("/alertes");
        var board = page.GetByTestId("risk-board");
        var row = board.Locator("tr", new() { HasText = "Séjour dépassé" }).Filter(new() { HasText = "R. O. 0001" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("en retard");
        await Assertions.Expect(row).ToContainTextAsync("élevée");
        await BrowserApp.ScreenshotAsync(page, "02-alertes");
    }

    [Fact]
    public async Task A_doctor_renews_a_stay_late_and_no_overstay_alert_appears_for_the_new_period()
    {
        var admission = await app.AdmitAsync("T. R. 0011", "referent");
        await app.AdvanceAsync(TimeSpan.FromDays(70)); // the planned end was ten days ago: « Séjour dépassé » is open
        var today = RoleDay(app.Clock.GetUtcNow());

        var page = await app.SignInAsync("medecin");
        await page.GotoAsync("/mes-taches");
        var panel = page.GetByTestId("task-renewalDecision").Filter(new() { HasText = "T. R. 0011" });
        await panel.ClickAsync();
        // The new period runs from today, the day of the decision, not from the planned end already past.
        await Assertions.Expect(panel).ToContainTextAsync($"La période commence le {today}");
        await panel.GetByTestId("field-renewal").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Renouveler le séjour" }).ClickAsync();
        await panel.GetByTestId("field-exitSolutionFound").ClickAsync();
        await BrowserApp.ScreenshotAsync(page, "05-renouvellement-tardif");
        await panel.GetByTestId("complete-task").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "est faite" })).ToBeVisibleAsync();

        await app.AdvanceAsync(TimeSpan.FromDays(30));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Persistence.OrchestratorDbContext>();
            var overstays = await db.Alerts.Where(a => a.EpisodeId == admission.EpisodeId && a.Type == "overstay").ToListAsync();
            Assert.Equal(Domain.Alerts.AlertState.Resolved, Assert.Single(overstays).State); // the one of the old period, settled by the decision
        }
        var coordinator = await app.SignInAsync("coordinateur");
        await coordinator.GotoAsync("/alertes");
        await Assertions.Expect(coordinator.GetByTestId("risk-board")).ToBeVisibleAsync();
        await Assertions.Expect(coordinator.GetByTestId("risk-board").Locator("tr", new() { HasText = "T. R. 0011" }).Filter(new() { HasText = "Séjour dépassé" }))
            .ToHaveCountAsync(0);
    }

    /// <summary>
    /// Types <paramref name="search"/> in a structure picker and picks <paramref name="name"/> from its list, until the picker shows it: the
    /// page re-renders on the live updates of the pathways the test just moved, and a click landing during one is not taken (a person
    /// sees the name missing and picks again).
    /// </summary>
    private static async Task PickStructureAsync(IPage page, ILocator picker, string search, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            await picker.FillAsync(search);
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = name }).ClickAsync();
            try
            {
                await Assertions.Expect(picker).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(name)),
                    new() { Timeout = 3000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3) { }
        }
    }

    private static string RoleDay(DateTimeOffset at) => Orchestrator.Application.Formatting.FrenchDates.Day(at);

    [Fact]
    public async Task A_referent_completes_a_task_and_its_alert_clears()
    {
        await app.AdmitAsync("S. T. 0002", "referent");
        await app.AdvanceAsync(TimeSpan.FromDays(16));

        var page = await app.SignInAsync("referent");
        await page.GotoAsync("/mes-taches");
        var alerts = page.GetByTestId("my-alerts");
        await Assertions.Expect(alerts.Locator("tr", new() { HasText = "DIPC non remis" }).Filter(new() { HasText = "S. T. 0002" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "03-mes-taches");

        var panel = page.GetByTestId("task-dipcHandover").Filter(new() { HasText = "S. T. 0002" });
        await panel.ClickAsync();
        await panel.GetByTestId("complete-task").ClickAsync();
        await Assertions.Expect(alerts.Locator("tr", new() { HasText = "DIPC non remis" }).Filter(new() { HasText = "S. T. 0002" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_coordinator_opens_the_doctors_task_and_sees_it_read_only_reserved_to_the_doctor()
    {
        await app.SendAsync(new Application.Episodes.RequestAdmissionCommand(app.Lhss.Id, null,
            new Application.Episodes.NewPerson("D. M. 0009", 1980, "F", null, null, null), "PASS du CHU")
            { Referral = new(Domain.Pathways.ReferrerType.Doctor) });

        var page = await app.SignInAsync("coordinateur");
        await page.GotoAsync("/mes-taches");
        var panel = page.GetByTestId("task-medicalOpinion").Filter(new() { HasText = "D. M. 0009" });
        await Assertions.Expect(panel).ToContainTextAsync("réservé au médecin");
        await panel.ClickAsync();

        await Assertions.Expect(panel.GetByTestId("task-reserved")).ToContainTextAsync("Lecture seule : réservé au médecin.");
        await Assertions.Expect(panel.GetByTestId("complete-task")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "04-tache-reservee-au-medecin");
    }

    [Fact]
    public async Task An_unknown_address_shows_the_french_page_inside_the_layout_with_its_menu()
    {
        var page = await app.SignInAsync("coordinateur");
        var response = await page.GotoAsync("/une-page-qui-n-existe-pas");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByText("Page introuvable")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("nav a[href='/alertes']")).ToBeVisibleAsync(); // the menu, not a dead end
        await page.GetByText("Revenir à l'accueil").ClickAsync(); // each role's own landing page
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/$"));

        // A page the role may not open says so at its own address, with the menu.
        var admin = await app.SignInAsync("admin");
        var forbidden = await admin.GotoAsync("/fiche-alerte");
        Assert.Equal(403, forbidden!.Status);
        await Assertions.Expect(admin.GetByTestId("forbidden")).ToContainTextAsync("Votre rôle ne donne pas accès à cette page.");
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Accès refusé");
        await Assertions.Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/fiche-alerte$"));
        await Assertions.Expect(admin.Locator("nav a[href='/admin/definitions']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Each_role_lands_on_its_own_page_and_a_lost_connection_is_announced_in_french()
    {
        var admin = await app.SignInAsync("admin");
        await Assertions.Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/definitions$"));
        var viewer = await app.SignInAsync("observatoire");
        await Assertions.Expect(viewer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/indicateurs$"));
        var coordinator = await app.SignInAsync("coordinateur");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Tab, new() { Name = "Cette semaine" })).ToBeVisibleAsync();

        // Blazor marks the banner while it reconnects; ours says so in French instead of « Rejoin failed… ».
        var banner = coordinator.GetByTestId("reconnect");
        await Assertions.Expect(banner).ToBeHiddenAsync();
        await coordinator.EvaluateAsync("() => document.getElementById('components-reconnect-modal').classList.add('components-reconnect-show')");
        await Assertions.Expect(banner).ToContainTextAsync("Connexion au serveur perdue ; reconnexion en cours");
        await BrowserApp.ScreenshotAsync(coordinator, "05-reconnexion");
        await coordinator.EvaluateAsync("() => { const b = document.getElementById('components-reconnect-modal'); b.classList.remove('components-reconnect-show'); b.classList.add('components-reconnect-rejected'); }");
        await Assertions.Expect(banner.GetByRole(AriaRole.Link, new() { Name = "Recharger la page" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_referent_cannot_open_the_record_of_someone_they_do_not_follow()
    {
        var mine = await app.AdmitAsync("M. F. 0003", "referent");
        var other = await app.AdmitAsync("A. U. 0004", "referent2");

        var page = await app.SignInAsync("referent");
        await page.GotoAsync($"/personnes/{mine.PersonId}");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Admission en LHSS");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Durand");
        await page.GetByTestId("show-identity").ClickAsync();
        await Assertions.Expect(page.GetByTestId("identity")).ToContainTextAsync("Pierre Durand");
        await page.GetByTestId("note-text").FillAsync("Rendez-vous CPAM le 12 pour l'ouverture des droits");
        await page.GetByTestId("note-text").PressAsync("Tab");
        await page.GetByTestId("add-note").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notes")).ToContainTextAsync("Rendez-vous CPAM le 12");
        await BrowserApp.ScreenshotAsync(page, "04-parcours");
        await page.GotoAsync($"/personnes/{other.PersonId}");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToContainTextAsync("pas suivie par votre équipe");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("A. U. 0004");
    }

    [Fact]
    public async Task A_new_alert_appears_on_an_open_risk_board_without_reloading()
    {
        await app.AdmitAsync("L. U. 0007", "referent");
        var page = await app.SignInAsync("coordinateur");
        await page.GotoAsync("/alertes");
        // The other journeys' people share this board: its filter keeps the page to the alert type awaited.
        await page.GetByTestId("filter-type").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "DIPC non remis" }).ClickAsync();
        var row = page.GetByTestId("risk-board").Locator("tr", new() { HasText = "L. U. 0007" });
        await Assertions.Expect(page.GetByTestId("risk-board")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);

        await app.AdvanceAsync(TimeSpan.FromDays(16));
        await Assertions.Expect(row.Filter(new() { HasText = "DIPC non remis" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Occupancy_and_indicators_read_as_charts_and_aggregated_tables()
    {
        await app.AdmitAsync("O. C. 0008", "referent");
        var page = await app.SignInAsync("coordinateur");
        await page.GotoAsync("/occupation");
        await Assertions.Expect(page.GetByTestId("occupancy")).ToContainTextAsync("LHSS Les Tilleuls");
        await Assertions.Expect(page.GetByTestId("occupancy-bar").Filter(new() { HasText = "LHSS Les Tilleuls" }).Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("occupancy-bar").Filter(new() { HasText = "LHSS Les Tilleuls" })).ToContainTextAsync("places (");
        await BrowserApp.ScreenshotAsync(page, "07-occupation");
        await page.GotoAsync("/indicateurs");
        await Assertions.Expect(page.GetByTestId("indicators")).ToContainTextAsync("< 11");
        await Assertions.Expect(page.GetByTestId("indicators")).Not.ToContainTextAsync("O. C. 0008");
        await BrowserApp.ScreenshotAsync(page, "08-indicateurs");
    }

    [Fact]
    public async Task A_receiving_structure_refuses_only_with_a_reason_and_accepting_opens_the_next_episode_there()
    {
        var admission = await app.AdmitAsync("H. O. 0010", "referent");
        await app.CompleteAsync(admission.EpisodeId, "exitDecision", new() { ["exitType"] = "planned" });
        await app.CompleteAsync(admission.EpisodeId, "exitOrientation", new()
        {
            ["destination"] = "ACT", ["orientationReason"] = "VIH suivi au CHU, sans logement stable",
            ["sharedSummary"] = "Traitement antirétroviral bien pris, autonome au quotidien.", ["summaryConsent"] = true,
        });

        var page = await app.SignInAsync("act");
        await page.GotoAsync("/orientations");
        var row = page.GetByTestId("incoming-handoffs").Locator("tbody tr").First;
        await Assertions.Expect(row.GetByTestId("handoff-from")).ToContainTextAsync("LHSS Les Tilleuls — Lille");
        await Assertions.Expect(row.GetByTestId("handoff-details")).ToContainTextAsync("VIH suivi au CHU, sans logement stable");
        await Assertions.Expect(row.GetByTestId("handoff-details")).ToContainTextAsync("Traitement antirétroviral bien pris");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("H. O. 0010");
        await BrowserApp.ScreenshotAsync(page, "12-orientations");
        await row.GetByTestId("refuse").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "doit être motivé" })).ToBeVisibleAsync();
        await row.GetByTestId("accept").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Orientation acceptée" })).ToBeVisibleAsync();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Orchestrator.Persistence.OrchestratorDbContext>();
        Assert.Contains(db.Episodes.Where(e => e.PersonId == admission.PersonId).ToList(), e => e.StructureId == app.Act.Id);
    }

    [Fact]
    public async Task A_team_without_a_pathway_of_its_own_accepts_a_person_and_finds_them_on_its_dashboard()
    {
        var admission = await app.AdmitAsync("C. H. 0011", "referent");
        await app.CompleteAsync(admission.EpisodeId, "exitDecision", new() { ["exitType"] = "planned" });
        await app.CompleteAsync(admission.EpisodeId, "exitOrientation", new() { ["destination"] = "CHRS" });

        var page = await app.SignInAsync("chrs");
        await page.GotoAsync("/orientations");
        await page.GetByTestId("incoming-handoffs").Locator("tbody tr").First.GetByTestId("accept").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Orientation acceptée" })).ToBeVisibleAsync();

        // The director finds the person among the team's episodes; the social worker, who welcomes them, in « Cette semaine ».
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Tous les épisodes" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("episodes").Locator("tr", new() { HasText = "C. H. 0011" })).ToContainTextAsync("Accueillir la personne orientée");
        var worker = await app.SignInAsync("chrs-social");
        var week = worker.GetByTestId("week-person").Filter(new() { HasText = "C. H. 0011" });
        await Assertions.Expect(week).ToContainTextAsync("Accueillir la personne orientée");
        await Assertions.Expect(week).ToContainTextAsync("dans 7 jours");
        await BrowserApp.ScreenshotAsync(worker, "17-accompagnement-accepte");
        await week.GetByRole(AriaRole.Link, new() { Name = "C. H. 0011" }).ClickAsync();
        page = worker;
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Orientation acceptée : accompagnement ouvert");
    }

    [Fact]
    public async Task A_director_records_a_departure_and_the_people_followed_go_to_a_colleague()
    {
        var admission = await app.AdmitAsync("D. P. 0009", "partant");

        var page = await app.SignInAsync("directeur");
        await page.GotoAsync("/equipe");
        var row = page.GetByTestId("team").Locator("tr", new() { HasText = "Marc Lemaire" });
        await Assertions.Expect(row).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("team").Locator("tr", new() { HasText = "Hélène Caron" }).GetByTestId("leave")).ToHaveCountAsync(0); // not herself
        await row.GetByTestId("leave").ClickAsync();
        await row.GetByTestId("confirm-leave").ClickAsync();

        await Assertions.Expect(row).ToContainTextAsync("A quitté l'équipe");
        await Assertions.Expect(page.GetByText("1 personne(s) confiée(s)")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "13-equipe");
        using var scope = app.Services.CreateScope();
        var episode = await scope.ServiceProvider.GetRequiredService<Orchestrator.Persistence.OrchestratorDbContext>().Episodes
            .AsNoTracking().SingleAsync(e => e.Id == admission.EpisodeId);
        Assert.Contains(episode.ReferentId, new Guid?[] { app.Accounts["referent"].Id, app.Accounts["referent2"].Id });
    }

    [Fact]
    public async Task A_receiving_structures_doctor_reads_the_sending_structures_medical_notes_only_once_a_medical_consent_is_given()
    {
        var admission = await app.AdmitAsync("N. M. 0011", "referent");
        await app.SendAsync(new Application.People.AddCareNoteCommand(admission.EpisodeId, "Traitement antirétroviral repris, bonne tolérance", true), app.Accounts["medecin"]);
        await app.SendAsync(new Application.People.AddCareNoteCommand(admission.EpisodeId, "Souhaite un logement proche de sa fille", false), app.Accounts["referent"]);
        await app.CompleteAsync(admission.EpisodeId, "exitDecision", new() { ["exitType"] = "planned" });
        await app.CompleteAsync(admission.EpisodeId, "exitOrientation", new() { ["destination"] = "ACT" });
        using (var scope = app.Services.CreateScope())
        {
            var handoff = scope.ServiceProvider.GetRequiredService<Orchestrator.Persistence.OrchestratorDbContext>().Handoffs.Single(h => h.PersonId == admission.PersonId);
            await app.SendAsync(new Application.Handoffs.AnswerHandoffCommand(handoff.Id, true, null), app.Accounts["act"]);
        }

        var doctor = await app.SignInAsync("act-medecin");
        await doctor.GotoAsync($"/personnes/{admission.PersonId}");
        await Assertions.Expect(doctor.GetByTestId("notes")).ToContainTextAsync("Souhaite un logement proche de sa fille");
        await Assertions.Expect(doctor.GetByTestId("note").Filter(new() { HasText = "logement proche" })).ToContainTextAsync("Sophie Dubois (référent)"); // signed
        await Assertions.Expect(doctor.Locator("body")).Not.ToContainTextAsync("antirétroviral");
        await BrowserApp.ScreenshotAsync(doctor, "15-relais-sans-consentement-medical");

        var coordinator = await app.SignInAsync("coordinateur");
        await coordinator.GotoAsync($"/personnes/{admission.PersonId}");
        var form = coordinator.GetByTestId("consent-form");
        await PickStructureAsync(coordinator, form.GetByTestId("consent-recipient"), "arras", "ACT Horizon"); // searched, not scrolled
        await form.GetByTestId("consent-purpose").FillAsync("Continuité des soins en ACT");
        await form.GetByLabel("Médical (soignants seulement)").CheckAsync();
        await form.GetByTestId("grant-consent").ClickAsync(); // one click: the button is live as the purpose is typed
        await Assertions.Expect(coordinator.GetByTestId("consents")).ToContainTextAsync("social et médical");
        await Assertions.Expect(form.GetByTestId("consent-purpose")).ToHaveValueAsync(""); // a new consent starts from an empty form
        await BrowserApp.ScreenshotAsync(coordinator, "16-consentement-medical");

        await doctor.ReloadAsync();
        await Assertions.Expect(doctor.GetByTestId("notes")).ToContainTextAsync("antirétroviral");
        await Assertions.Expect(doctor.GetByTestId("consent-form")).ToHaveCountAsync(1); // the receiving team is care team now: it records consents too
    }

    [Fact]
    public async Task A_partner_files_an_urgent_fiche_alerte_and_the_coordinator_sees_it_at_the_top_of_the_risk_board_with_a_48_hour_deadline()
    {
        var partner = await app.SignInAsync("chrs-social");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Signaler une situation complexe" }).ClickAsync();
        await Assertions.Expect(partner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Signaler une situation complexe");
        await partner.GetByTestId("alert-pseudonym").FillAsync("F. A. 0048");
        await partner.GetByTestId("alert-birth-year").FillAsync("1979");
        await partner.GetByTestId("alert-situation").FillAsync("Ne s'alimente plus depuis trois jours, refuse les soins, propos suicidaires hier soir.");
        await partner.GetByTestId("alert-urgent").CheckAsync();
        await partner.GetByTestId("alert-submit").ClickAsync();
        var due = app.Clock.GetUtcNow().AddHours(48);
        await Assertions.Expect(partner.GetByTestId("alert-filed")).ToContainTextAsync("Coordination des situations complexes — Métropole lilloise");
        await Assertions.Expect(partner.GetByTestId("alert-filed")).ToContainTextAsync(Orchestrator.Components.Shared.RoleLabels.Date(due));
        await BrowserApp.ScreenshotAsync(partner, "fiche-alerte-transmise");

        var coordinator = await app.SignInAsync("coordination");
        await coordinator.GotoAsync("/alertes");
        var first = coordinator.GetByTestId("risk-board").Locator("tbody tr").First;
        await Assertions.Expect(first).ToContainTextAsync("F. A. 0048");
        await Assertions.Expect(first).ToContainTextAsync("élevée");
        await Assertions.Expect(first).ToContainTextAsync(Orchestrator.Components.Shared.RoleLabels.Date(due));
        await BrowserApp.ScreenshotAsync(coordinator, "fiche-alerte-tableau-des-risques");
    }
}
