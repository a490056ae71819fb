using System.Text.Json;
using Orchestrator.Cli;
using Orchestrator.Cli.Scenarios;

namespace Orchestrator.Tests.Cli;

/// <summary>
/// The named scenarios shipped beside each definition: each runs to its end and raises exactly the alerts an
/// administrator should see, on the day they should see them (day 0 = Monday 2 February 2026, 09:00 in Paris).
/// </summary>
public sealed class ShippedScenarioTests
{
    private static string Shipped(string file) => Path.Combine(AppContext.BaseDirectory, "shipped", file);

    /// <summary>Definition, scenario, how it ends, then the alerts as "riskType@day" in the order they are raised.</summary>
    public static TheoryData<string, string, string, string[]> Expected() => new()
    {
        // LHSS: admission on day 1; the first period ends on 3 April (day 60), its renewal decision opens 7 days before.
        { "lhss.bpmn", "renewed-twice", "closed", [] },
        { "lhss.bpmn", "overstay", "closed", ["overstay@60"] },
        // Ten days in hospital move the planned end (day 60) ten days later.
        { "lhss.bpmn", "hospitalised-then-back", "closed", ["overstay@70"] },
        { "lhss.bpmn", "exit-without-solution", "closed", ["dipc-late@16", "no-exit-solution@46", "exit-without-solution@50", "post-exit-rupture@82"] },
        { "lhss.bpmn", "refusal", "refused", [] },
        { "lhss.bpmn", "handoff-refused", "closed", ["handoff-refused@48", "handoff-expired@57", "no-downstream-solution@60"] },
        { "lhss.bpmn", "left-without-notice", "closed", ["left-without-notice@20"] },
        { "lhss.bpmn", "death-at-renewal", "deceased", [] },
        { "lhss.bpmn", "renewed-without-exit-solution", "closed", ["no-exit-solution@46", "renewal-without-exit-solution@55"] },
        // ACT and LAM: admission on day 10; contract handed over within 15 days, signed within a month, objectives within 6 months.
        { "act.bpmn", "admitted-housed", "closed", [] },
        { "act.bpmn", "late-paperwork", "closed", ["contract-late@25", "contract-unsigned@38", "project-late@191", "housing-application-late@191"] },
        { "act.bpmn", "against-advice-to-street", "closed", ["exit-without-solution@41"] },
        { "act.bpmn", "refusal", "refused", [] },
        { "act.bpmn", "left-without-notice", "closed", ["left-without-notice@40", "lost-to-follow-up@43"] },
        { "act.bpmn", "death", "deceased", [] },
        { "lam.bpmn", "admitted-housed", "closed", [] },
        { "lam.bpmn", "late-paperwork", "closed", ["contract-late@25", "contract-unsigned@38", "project-late@191"] },
        { "lam.bpmn", "against-advice-to-street", "closed", ["exit-without-solution@41"] },
        { "lam.bpmn", "refusal", "refused", [] },
        { "lam.bpmn", "exclusion-oriented", "closed", [] },
        { "lam.bpmn", "against-advice-unexplained", "closed", ["risks-not-explained@40", "exit-without-solution@41"] },
        // ACT hors les murs: inclusion on day 1, a visit 7 days after the previous one, 2 days' tolerance to record it.
        { "act-hlm.bpmn", "weekly-visits", "closed", [] },
        { "act-hlm.bpmn", "missed-visits-lost-contact", "closed", ["missed-visit@15", "dipc-late@16", "missed-visit@24", "lost-to-follow-up@28"] },
        { "act-hlm.bpmn", "refusal", "refused", [] },
        // Un chez-soi d'abord: admission on day 5 after the psychiatrist's opinion; housing within a month, re-evaluation each year.
        { "act-ucsd.bpmn", "housed-first", "closed", [] },
        { "act-ucsd.bpmn", "housing-late-lost-contact", "closed", ["housing-late@33", "review-late@398", "lost-to-follow-up@420"] },
        { "act-ucsd.bpmn", "not-receivable", "refused", [] },
        // Fiche alerte: the meeting is due 7 days after the alert's receipt, 48 hours when it is urgent; a missed
        // deadline or a meeting not held sets a new one within the same delay.
        { "complex-alert.bpmn", "meeting-held", "closed", [] },
        { "complex-alert.bpmn", "urgent-held-in-time", "closed", ["urgent-complex-situation@0"] },
        { "complex-alert.bpmn", "partner-declared-urgent", "closed", ["urgent-complex-situation@0"] },
        { "complex-alert.bpmn", "meeting-late", "closed", ["urgent-complex-situation@0", "meeting-not-scheduled@2", "meeting-slipped@4", "follow-up-late@34"] },
        // EMSP: an urgent report must be met within 24 hours.
        { "emsp.bpmn", "met-and-oriented", "closed", [] },
        { "emsp.bpmn", "urgent-not-found", "notMet", ["intervention-late@1", "lost-to-follow-up@2"] },
        { "emsp.bpmn", "rights-pending", "closed", ["rights-pending@6"] },
        // ESSIP: the prescription ends on 2 March (day 28).
        { "essip.bpmn", "renewed-then-handoff", "closed", [] },
        { "essip.bpmn", "prescription-lapse", "closed", ["no-general-practitioner@1", "prescription-lapse@28"] },
        { "essip.bpmn", "no-capacity", "refused", ["care-not-provided@1"] },
        { "handoff.bpmn", "accepted", "handedOff", [] },
        { "handoff.bpmn", "refused-then-closed", "closedWithoutSolution", ["handoff-refused@2", "no-downstream-solution@3"] },
        { "handoff.bpmn", "no-answer-then-retry", "handedOff", ["handoff-expired@7"] },
        { "accompagnement.bpmn", "arrived-then-ended", "ended", [] },
        { "accompagnement.bpmn", "not-arrived", "notArrived", ["orientation-not-effective@7"] },
    };

    private static async Task<(int Exit, List<JsonElement> Lines, string Errors)> SimulateAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync(args, stdout, stderr);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (exit, lines, stderr.ToString());
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task A_shipped_scenario_ends_where_expected_and_raises_its_alerts_on_their_day(string file, string scenario, string endEvent, string[] alerts)
    {
        var (exit, lines, errors) = await SimulateAsync(Shipped(file), "--scenario", scenario, "--start", "2026-02-02T09:00:00+01:00");

        Assert.True(exit == 0, $"{file} {scenario} exited {exit}:\n{errors}");
        var summary = lines[^1].GetProperty("summary");
        Assert.Equal(scenario, summary.GetProperty("scenario").GetString());
        Assert.Equal(0, summary.GetProperty("incidents").GetArrayLength());
        var raised = summary.GetProperty("alerts").EnumerateArray().Select(a => $"{a.GetProperty("riskType").GetString()}@{a.GetProperty("day").GetInt32()}").ToArray();
        Assert.Equal(alerts, raised);
        var lastEnd = lines.Last(l => l.TryGetProperty("type", out var t) && t.GetString() == "endEvent" && l.GetProperty("event").GetString() == "completed");
        Assert.Equal(endEvent, lastEnd.GetProperty("id").GetString());
    }

    [Fact]
    public void Every_scenario_a_definition_ships_is_covered_by_the_expectations()
    {
        var expected = Expected().Select(row => $"{row[0]}:{row[1]}").ToHashSet();
        var shipped = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "shipped"), "*.bpmn")
            .SelectMany(f => ScenarioFile.Load(f).Select(s => $"{Path.GetFileName(f)}:{s.Name}")).ToHashSet();

        Assert.Equal(expected.Order(), shipped.Order());
    }

    [Fact]
    public void Every_shipped_definition_has_a_main_path_that_raises_no_alert_and_a_risky_path_that_raises_one()
    {
        var rows = Expected().Select(row => (File: (string)row[0], Alerts: (string[])row[3])).ToList();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "shipped"), "*.bpmn").Select(Path.GetFileName))
        {
            Assert.Contains(rows, r => r.File == file && r.Alerts.Length == 0);
            Assert.Contains(rows, r => r.File == file && r.Alerts.Length > 0);
        }
    }

    [Fact]
    public async Task The_LHSS_overstay_alert_falls_on_the_planned_end_of_the_first_period()
    {
        var (_, lines, _) = await SimulateAsync(Shipped("lhss.bpmn"), "--scenario", "overstay", "--start", "2026-02-02T09:00:00+01:00");

        var overstay = lines[^1].GetProperty("summary").GetProperty("alerts").EnumerateArray().Single();
        // Admitted on 3 February at 09:00, two calendar months: 3 April 09:00 in Paris, after the spring change.
        Assert.Equal("2026-04-03T07:00:00.0000000+00:00", overstay.GetProperty("at").GetString());
        var renewalOpened = lines.First(l => l.TryGetProperty("id", out var id) && id.GetString() == "renewalDecision");
        Assert.Equal("2026-03-27T08:00:00.0000000+00:00", renewalOpened.GetProperty("time").GetString());
    }

    [Fact]
    public async Task The_designer_s_dry_run_plays_a_scenario_chosen_from_those_shipped_beside_the_definition()
    {
        var scenarios = DryRun.ScenariosFor(Path.Combine(AppContext.BaseDirectory, "shipped"), "lhss");
        Assert.Equal(["renewed-twice", "overstay", "hospitalised-then-back", "exit-without-solution", "refusal", "handoff-refused", "left-without-notice", "death-at-renewal", "renewed-without-exit-solution"], scenarios.Select(s => s.Name));

        var result = await DryRun.RunAsync(await File.ReadAllTextAsync(Shipped("lhss.bpmn")), [await File.ReadAllTextAsync(Shipped("handoff.bpmn"))],
            timersFirst: false, DateTimeOffset.Parse("2026-02-02T09:00:00+01:00"), scenario: scenarios.Single(s => s.Name == "exit-without-solution"));

        Assert.True(result.Completed, result.Errors);
        Assert.Equal(["dipc-late@16", "no-exit-solution@46", "exit-without-solution@50", "post-exit-rupture@82"], result.Alerts.Select(a => $"{a.RiskType}@{a.Day}"));
        Assert.Equal("closed", result.Steps[^1].ElementId);
    }

    [Fact]
    public async Task A_scenario_whose_answers_hold_dates_starts_on_its_own_day_0_unless_told_otherwise()
    {
        var (exit, lines, errors) = await SimulateAsync(Shipped("essip.bpmn"), "--scenario", "prescription-lapse");

        Assert.True(exit == 0, errors);
        Assert.Equal("2026-02-02T08:00:00.0000000+00:00", lines[0].GetProperty("time").GetString());
        Assert.Equal(["no-general-practitioner@1", "prescription-lapse@28"],
            lines[^1].GetProperty("summary").GetProperty("alerts").EnumerateArray().Select(a => $"{a.GetProperty("riskType").GetString()}@{a.GetProperty("day").GetInt32()}"));
    }

    [Fact]
    public async Task An_unknown_scenario_is_refused_with_the_names_of_those_the_file_has()
    {
        var (exit, _, errors) = await SimulateAsync(Shipped("lhss.bpmn"), "--scenario", "holiday");

        Assert.Equal(2, exit);
        Assert.Contains("no scenario 'holiday'", errors);
        Assert.Contains("renewed-twice, overstay", errors);
    }
}
