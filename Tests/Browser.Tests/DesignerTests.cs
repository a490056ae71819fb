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
        await Assertions.Expect(page.GetByTestId("timer-value-reading")).ToHaveTextAsync("le délai « dipcDeadline » du parcours");
        await value.FillAsync("P10D");
        await value.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("timer-value-reading")).ToHaveTextAsync("10 jours"); // read in French as it is typed
        await page.GetByTestId("publish").ClickAsync();
        // Nothing is published before the administrator has read what changes and who keeps the old version.
        var summary = page.GetByTestId("publish-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Publier la version 2 ?");
        await Assertions.Expect(summary).ToContainTextAsync("dipcLate");
        await Assertions.Expect(summary).ToContainTextAsync("P10D");
        await Assertions.Expect(summary.GetByTestId("publish-running")).ToContainTextAsync("en version 1");
        await BrowserApp.ScreenshotAsync(page, "06b-publication");
        await page.GetByTestId("publish-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Nouvelle version publiée" })).ToBeVisibleAsync();

        await page.GetByTestId("compare-with").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "v1" }).ClickAsync();
        await page.GetByTestId("compare").ClickAsync();
        await Assertions.Expect(page.GetByTestId("changes")).ToContainTextAsync("dipcLate");
        await Assertions.Expect(page.GetByTestId("changes")).ToContainTextAsync("P10D");
        await BrowserApp.ScreenshotAsync(page, "07-differences-entre-versions");

        var later = await app.AdmitAsync("N. V. 0006", "referent");
        var engineDb = app.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await engineDb.CreateDbContextAsync();
        var versions = await db.Instances.Where(i => i.Id == running.InstanceId || i.Id == later.InstanceId)
            .Join(db.Definitions, i => i.DefinitionId, d => d.Id, (i, d) => new { i.Id, d.Version }).ToDictionaryAsync(x => x.Id, x => x.Version);
        Assert.Equal(1, versions[running.InstanceId]);
        Assert.Equal(2, versions[later.InstanceId]);
        var dipcTimers = await db.Bookmarks.Where(b => b.ElementId == "dipcLate").ToListAsync();
        var now = app.Clock.GetUtcNow();
        var paris = NodaTime.DateTimeZoneProviders.Tzdb["Europe/Paris"]; // deadlines are calendar days, across summer time too
        Assert.Equal(Workflows.Timing.IsoDuration.Parse("P10D").AddTo(now, paris), dipcTimers.Single(b => b.InstanceId == later.InstanceId).DueAt);
        Assert.Equal(Workflows.Timing.IsoDuration.Parse("P15D").AddTo(now, paris), dipcTimers.Single(b => b.InstanceId == running.InstanceId).DueAt);
        Assert.Empty(app.CspViolations); // the designer (bpmn-js), MudBlazor and Blazor run under the content security policy
    }

    [Fact]
    public async Task An_administrator_sees_an_instance_on_its_diagram_with_its_path_its_open_tasks_and_its_history()
    {
        var admission = await app.AdmitAsync("I. V. 0009", "referent");
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/instances");
        await Assertions.Expect(page.GetByTestId("instances")).ToContainTextAsync("lhss");
        await page.GotoAsync($"/admin/instances/{admission.InstanceId}");
        await Assertions.Expect(page.Locator("[data-testid=instance-diagram][data-ready=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("g.djs-element.highlight-done[data-element-id='directorDecision']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("g.djs-element.highlight-active[data-element-id='stay']")).ToHaveCountAsync(1);
        var opinion = page.GetByTestId("history").Locator("tr", new() { HasText = "medicalOpinion" }).Filter(new() { HasText = "Terminée" });
        await Assertions.Expect(opinion).ToContainTextAsync("Avis du médecin responsable"); // the element's name, its id beside it
        await Assertions.Expect(opinion).ToContainTextAsync("Tâche humaine");
        await Assertions.Expect(opinion).ToContainTextAsync("Dr Antoine Mercier (médecin)"); // who did it, in which function
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("I. V. 0009");
        await BrowserApp.ScreenshotAsync(page, "09-instance");
    }

    public static TheoryData<string> ShippedDefinitions()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflow-definitions"), "*.bpmn")) data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public async Task Every_shipped_definition_opens_in_the_designer_laid_out(string key)
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync($"/admin/definitions/{key}");

        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);
        Assert.True(await page.Locator("#modeler g.djs-element.djs-shape").CountAsync() > 3, $"{key}: the diagram shows no shapes");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Durations_read_in_french_and_a_picker_writes_them_without_iso_codes()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/definitions/lam");
        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);
        await page.Locator("g.djs-element[data-element-id='socialAssessment']").First.ClickAsync(new() { Force = true });

        await page.GetByTestId("due-in-count").FillAsync("2");
        await page.GetByTestId("due-in-unit").SelectOptionAsync("M");
        await page.GetByTestId("due-in-apply").ClickAsync();

        await Assertions.Expect(page.GetByTestId("due-in")).ToHaveValueAsync("P2M");
        await Assertions.Expect(page.GetByTestId("due-in-reading")).ToHaveTextAsync("2 mois");
        var xml = await page.EvaluateAsync<string>("() => window.orchestratorModeler.xml()");
        Assert.Equal("P2M", Workflows.Parsing.BpmnParser.Parse(xml)["socialAssessment"].DueIn);
        await page.GetByTestId("due-in").FillAsync("P1Y2M");
        await page.GetByTestId("due-in").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("due-in-reading")).ToHaveTextAsync("1 an et 2 mois");
        await BrowserApp.ScreenshotAsync(page, "14-durees-en-francais");
    }

    [Fact]
    public async Task An_invalid_deadline_is_shown_on_the_diagram_and_nothing_is_published()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/definitions/lam");
        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);
        await page.Locator("g.djs-element[data-element-id='socialAssessment']").First.ClickAsync(new() { Force = true });
        var dueIn = page.GetByTestId("due-in");
        await dueIn.FillAsync("sept jours");
        await dueIn.PressAsync("Tab");
        await page.GetByTestId("publish").ClickAsync();

        await Assertions.Expect(page.GetByTestId("problems")).ToContainTextAsync("socialAssessment");
        // The circuit runs in French: the validator's reason is the French one, naming what is at fault in words.
        await Assertions.Expect(page.GetByTestId("problems")).ToContainTextAsync("l'échéance (orc:dueIn) : « sept jours » n'est pas une durée ISO 8601");
        await Assertions.Expect(page.Locator("g.djs-element.highlight-error[data-element-id='socialAssessment']")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(page, "10-validation");
        var store = app.Services.GetRequiredService<Workflows.Definitions.DefinitionStore>();
        Assert.DoesNotContain(await store.ListAsync(), d => d.Key == "lam" && d.Version > 1);
    }

    [Fact]
    public async Task An_administrator_maps_the_variables_a_call_activity_passes_and_takes_back()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/definitions/essip");
        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);
        await page.Locator("g.djs-element[data-element-id='handoff']").First.ClickAsync(new() { Force = true });
        await Assertions.Expect(page.GetByTestId("called-element")).ToHaveValueAsync("handoff");

        await page.GetByTestId("mapping-in-add").ClickAsync();
        await page.GetByTestId("mapping-in-source-0").FillAsync("personAlias");
        await page.GetByTestId("mapping-in-source-0").PressAsync("Tab");
        await page.GetByTestId("mapping-in-target-0").FillAsync("alias");
        await page.GetByTestId("mapping-in-target-0").PressAsync("Tab");
        await page.GetByTestId("mapping-out-add").ClickAsync();
        await page.GetByTestId("mapping-out-source-0").FillAsync("${accepted === true}");
        await page.GetByTestId("mapping-out-source-0").PressAsync("Tab");
        await page.GetByTestId("mapping-out-target-0").FillAsync("handoffAccepted");
        await page.GetByTestId("mapping-out-target-0").PressAsync("Tab");
        await BrowserApp.ScreenshotAsync(page, "12-variables-appel");

        var xml = await page.EvaluateAsync<string>("() => window.orchestratorModeler.xml()");
        Assert.Contains("""<orc:in source="personAlias" target="alias" />""", xml);
        Assert.Contains("""<orc:out expression="${accepted === true}" target="handoffAccepted" />""", xml);
        var model = Workflows.Parsing.BpmnParser.Parse(xml);
        Assert.Equal("alias", model["handoff"].InputMappings.Single().Target);

        await page.GetByTestId("mapping-in-remove-0").ClickAsync();
        Assert.DoesNotContain("orc:in ", await page.EvaluateAsync<string>("() => window.orchestratorModeler.xml()"));
    }

    [Fact]
    public async Task An_administrator_turns_a_task_into_a_proposal_to_several_structures_that_stops_at_the_first_acceptance()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/definitions/lam");
        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);
        await page.Locator("g.djs-element[data-element-id='socialAssessment']").First.ClickAsync(new() { Force = true });

        // The wrench of bpmn-js's context pad, then its « parallel multi-instance » marker.
        await page.Locator(".djs-context-pad .entry[data-action='replace']").ClickAsync();
        await page.Locator(".djs-popup [data-id='toggle-parallel-mi']").ClickAsync();
        await Assertions.Expect(page.GetByText("Instances multiples (en parallèle)")).ToBeVisibleAsync();
        foreach (var (field, value) in new[] { ("loop-collection", "${structures}"), ("loop-element", "structure"), ("loop-completion", "${accepted === true}") })
        {
            await page.GetByTestId(field).FillAsync(value);
            await page.GetByTestId(field).PressAsync("Tab");
        }
        await BrowserApp.ScreenshotAsync(page, "13-instances-multiples");

        var xml = await page.EvaluateAsync<string>("() => window.orchestratorModeler.xml()");
        var loop = Workflows.Parsing.BpmnParser.Parse(xml)["socialAssessment"].Loop;
        Assert.NotNull(loop);
        Assert.False(loop.Sequential);
        Assert.Equal(("${structures}", "structure", "${accepted === true}"), (loop.Collection, loop.ElementVariable, loop.CompletionCondition));
    }

    [Fact]
    public async Task A_dry_run_of_the_draft_plays_step_by_step_on_the_diagram()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/definitions/complex-alert");
        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);
        await page.GetByTestId("dry-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dry-run-result")).ToContainTextAsync("le parcours va à son terme");
        await Assertions.Expect(page.GetByTestId("dry-run-current")).ToContainTextAsync("closed");
        await Assertions.Expect(page.Locator("g.djs-element.highlight-done[data-element-id='meetingReport']")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(page, "11-essai-a-blanc");
    }

    [Fact]
    public async Task A_dry_run_plays_a_shipped_scenario_chosen_from_a_list_and_shows_its_alerts_by_day()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/definitions/lhss");
        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);
        await page.GetByTestId("dry-run-scenario").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "fin prévue dépassée" }).ClickAsync();
        await page.GetByTestId("dry-run").ClickAsync();

        await Assertions.Expect(page.GetByTestId("dry-run-result")).ToContainTextAsync("le parcours va à son terme");
        await Assertions.Expect(page.GetByTestId("dry-run-alerts")).ToContainTextAsync("jour 60 — Séjour dépassé (élevée)");
        await Assertions.Expect(page.Locator("g.djs-element.highlight-done[data-element-id='followUp']")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(page, "11b-essai-a-blanc-scenario");
    }

    [Fact]
    public async Task An_administrator_writes_a_gateways_conditions_and_chooses_its_default_path_in_the_panel()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/definitions/lam");
        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);

        await page.EvaluateAsync("() => window.orchestratorModeler.selectElement('toRefusal')");
        await Assertions.Expect(page.GetByTestId("flow-default")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("flow-condition")).ToBeDisabledAsync();

        await page.EvaluateAsync("() => window.orchestratorModeler.selectElement('toAdmission')");
        var condition = page.GetByTestId("flow-condition");
        await Assertions.Expect(condition).ToHaveValueAsync("${decision === 'admit' && opinion === 'favourable' && !hospitalCareNeeded}");
        await condition.FillAsync("${decision === 'admit'}");
        await condition.PressAsync("Tab");
        await BrowserApp.ScreenshotAsync(page, "16-condition-de-chemin");
        var model = Workflows.Parsing.BpmnParser.Parse(await page.EvaluateAsync<string>("() => window.orchestratorModeler.xml()"));
        Assert.Equal("${decision === 'admit'}", model.Flows.Single(f => f.Id == "toAdmission").Condition);

        // Making it the default takes its condition away (a default flow has none); the old default becomes a flow that
        // needs its own condition, which the validator asks for until it has one.
        await page.GetByTestId("flow-default").CheckAsync();
        await Assertions.Expect(page.GetByTestId("flow-condition")).ToBeDisabledAsync();
        await page.EvaluateAsync("() => window.orchestratorModeler.selectElement('toRefusal')");
        await Assertions.Expect(page.GetByTestId("flow-default")).Not.ToBeCheckedAsync();
        await page.GetByTestId("flow-condition").FillAsync("${decision !== 'admit'}");
        await page.GetByTestId("flow-condition").PressAsync("Tab");
        model = Workflows.Parsing.BpmnParser.Parse(await page.EvaluateAsync<string>("() => window.orchestratorModeler.xml()"));
        Assert.Equal("toAdmission", model["admitted"].DefaultFlowId);
        Assert.Null(model.Flows.Single(f => f.Id == "toAdmission").Condition);
        Assert.Equal("${decision !== 'admit'}", model.Flows.Single(f => f.Id == "toRefusal").Condition);
    }

    [Fact]
    public async Task An_administrator_writes_the_condition_a_conditional_event_waits_for_in_the_panel()
    {
        var store = app.Services.GetRequiredService<Workflows.Definitions.DefinitionStore>();
        await store.SaveDraftAsync("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                              id="d" targetNamespace="urn:test">
              <bpmn:process id="attente-logement" name="Attente d'un logement" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:intermediateCatchEvent id="housingFound" name="Logement trouvé">
                  <bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">${housed === true}</bpmn:condition></bpmn:conditionalEventDefinition>
                </bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="housingFound" />
                <bpmn:sequenceFlow id="b" sourceRef="housingFound" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "admin");
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/definitions/attente-logement");
        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => window.orchestratorModeler.selectElement('housingFound')");

        var condition = page.GetByTestId("event-condition");
        await Assertions.Expect(condition).ToHaveValueAsync("${housed === true}");
        await condition.FillAsync("${housingFound === true}");
        await condition.PressAsync("Tab");

        var model = Workflows.Parsing.BpmnParser.Parse(await page.EvaluateAsync<string>("() => window.orchestratorModeler.xml()"));
        Assert.Equal("${housingFound === true}", model["housingFound"].EventCondition);
        // A sequence flow out of an event takes no condition: the panel offers none.
        await page.EvaluateAsync("() => window.orchestratorModeler.selectElement('b')");
        await Assertions.Expect(page.GetByTestId("flow-condition")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_administrator_creates_a_new_definition_and_publishes_it()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/admin/definitions");
        await page.GetByTestId("new-key").FillAsync("lhss-jour");
        await page.GetByTestId("new-name").FillAsync("LHSS de jour");
        await page.GetByTestId("new-name").PressAsync("Tab");
        await page.GetByTestId("create").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/definitions/lhss-jour$"));
        await Assertions.Expect(page.Locator("[data-testid=modeler][data-ready=true]")).ToHaveCountAsync(1);
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("publish-summary")).ToContainTextAsync("Première publication");
        await page.GetByTestId("publish-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Nouvelle version publiée" })).ToBeVisibleAsync();

        var store = app.Services.GetRequiredService<Workflows.Definitions.DefinitionStore>();
        Assert.Contains(await store.ListAsync(), d => d is { Key: "lhss-jour", Name: "LHSS de jour", State: DefinitionState.Published });
    }
}
