using Orchestrator.Application.Reports;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Structures;
using static Orchestrator.Tests.Reports.ReportFacts;

namespace Orchestrator.Tests.Reports;

/// <summary>The ACT report, the mobile-team and the break-in-care indicators on datasets small enough to check by hand (year 2026).</summary>
public sealed class StructureReportsTests
{
    private static readonly DateTimeOffset Now = Utc(2027, 1, 15);

    private static Report Build(ReportKind kind, ReportDataset data, Func<StructureScope, IReadOnlyList<ReportSection>> build) =>
        new(kind.Slug(), kind.Title(), data.Structures[0].Name, 2026, Now, false, build(new StructureScope(data, data.Structures[0], 2026)));

    private static ReportDataset Data(StructureFacts structure, IReadOnlyList<EpisodeFacts> episodes, IReadOnlyList<AlertFacts>? alerts = null,
        IReadOnlyList<HandoffFacts>? handoffs = null) => new([structure], episodes, [], alerts ?? [], handoffs ?? [], [], Now);

    private static TaskAnswer Done(string element, DateTimeOffset at, params (string Field, string Value)[] values) =>
        new(element, at, values.ToDictionary(v => v.Field, v => (string?)v.Value));

    [Fact]
    public void The_act_report_counts_candidatures_refusals_for_lack_of_places_pathologies_housing_and_length_of_support()
    {
        var act = new StructureFacts(Guid.NewGuid(), "ACT Horizon", "62", DeviceType.Act, 8);
        var report = Build(ReportKind.Act, Data(act,
        [
            // Admitted 1 Feb, left 1 Sep: 212 days, between 6 and 12 months.
            Stay(act.Id, Guid.NewGuid(), "F", 1975, Utc(2026, 1, 5), Utc(2026, 2, 1), Utc(2026, 9, 1), answers: [("exitOrientation", "destination", "logement")],
                pathology: PathologyCategory.Hiv, housing: HousingSituation.Street),
            Stay(act.Id, Guid.NewGuid(), "M", 1980, Utc(2026, 3, 1), null, null, answers: [("refusalReason", "refusalReason", "no-place")], notAdmitted: true),
            Stay(act.Id, Guid.NewGuid(), "M", 1985, Utc(2026, 3, 5), null, null, answers: [("refusalReason", "refusalReason", "not-eligible")], notAdmitted: true),
            Stay(act.Id, Guid.NewGuid(), "M", 1990, Utc(2026, 4, 1), Utc(2026, 4, 15), null, pathology: PathologyCategory.Cancer, housing: HousingSituation.Hotel),
        ]), s => ResidentialReportBuilders.Act(s, new Dictionary<string, string>()));

        Assert.Equal(["1", "3", "0", "4"], Row(report, "Candidatures", "Candidatures reçues"));
        Assert.Equal(["1", "1", "0", "2"], Row(report, "Candidatures", "Admissions"));
        Assert.Equal(["0", "2", "0", "2"], Row(report, "Candidatures", "Refus"));
        Assert.Equal(["0", "1", "0", "1"], Row(report, "Candidatures", "dont faute de place"));
        // Refusals over decided candidatures: women 0 of 1, men 2 of 3, all 2 of 4.
        Assert.Equal(["0", "66,7", "—", "50"], Row(report, "Candidatures", "Taux de refus (%)"));
        Assert.Equal(["1", "0", "0", "1"], Row(report, "Pathologies principales (file active)", "VIH"));
        Assert.Equal(["0", "1", "0", "1"], Row(report, "Pathologies principales (file active)", "Cancers"));
        Assert.Equal(["1", "0", "0", "1"], Row(report, "Situation de logement avant l'entrée (admissions de l'année)", "Rue"));
        Assert.Equal(["0", "1", "0", "1"], Row(report, "Situation de logement avant l'entrée (admissions de l'année)", "Hôtel (115)"));
        Assert.Equal(["212", "—", "—", "212"], Row(report, "Durée d'accompagnement (accompagnements terminés)", "Durée moyenne (jours)"));
        Assert.Equal(["1", "0", "0", "1"], Row(report, "Durée d'accompagnement (accompagnements terminés)", "6 à 12 mois"));
        Assert.Equal(["1", "0", "0", "1"], Row(report, "Destinations de sortie", "destination : Logement"));
    }

    [Fact]
    public void A_stay_a_screen_shows_as_begun_on_1_January_counts_in_that_year_and_its_days_follow_the_paris_calendar()
    {
        // 00:30 in Paris on 1 January 2027, which the screens show as « 01/01/2027 », is 23:30 UTC on 31 December 2026.
        var newYearNight = new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2027, 1, 1), Figures.Day(newYearNight));
        Assert.Equal((new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero)), Figures.Year(2026));
        // Admitted at 01:30 in Paris on 30 March (summer time: 23:30 UTC the day before), left on 31 March at noon: one night.
        Assert.Equal(1, Figures.PlaceDays(new DateTimeOffset(2026, 3, 29, 23, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 10, 0, 0, TimeSpan.Zero),
            Figures.Year(2026).From, Figures.Year(2026).To, Now));

        var act = new StructureFacts(Guid.NewGuid(), "ACT Horizon", "62", DeviceType.Act, 8);
        var report = Build(ReportKind.Act, Data(act,
        [
            Stay(act.Id, Guid.NewGuid(), "F", 1975, Utc(2026, 5, 5), Utc(2026, 6, 1), null),
            Stay(act.Id, Guid.NewGuid(), "M", 1980, Utc(2026, 12, 20), newYearNight, null),
        ]), s => ResidentialReportBuilders.Act(s, new Dictionary<string, string>()));
        Assert.Equal(["1", "1", "0", "2"], Row(report, "Candidatures", "Candidatures reçues"));
        Assert.Equal(["1", "0", "0", "1"], Row(report, "Candidatures", "Admissions"));
    }

    [Fact]
    public void The_lam_report_has_the_lhss_tables_without_the_act_s_and_the_director_s_presentation()
    {
        var lam = new StructureFacts(Guid.NewGuid(), "LAM Les Cèdres", "59", DeviceType.Lam, 5);
        var report = Build(ReportKind.Lam, Data(lam,
        [
            // 1 Jun → 11 Jun: 10 nights in June over 5 places × 30 days = 6.7 %.
            Stay(lam.Id, Guid.NewGuid(), "F", 1950, Utc(2026, 5, 20), Utc(2026, 6, 1), Utc(2026, 6, 11), answers: [("exitDecision", "exitType", "death")]),
            Stay(lam.Id, Guid.NewGuid(), "M", 1960, Utc(2026, 5, 25), null, null, answers: [("medicalOpinion", "opinion", "unfavourable")], notAdmitted: true),
        ]), s => ResidentialReportBuilders.Lam(s, new Dictionary<string, string> { ["presentation"] = "Cinq lits." }));

        Assert.Equal(["10", "150", "6,7", "10", "0", "0"], Row(report, "Taux de remplissage mensuel des places", "Juin"));
        Assert.Equal(["0", "1", "0", "1"], Row(report, "Demandes d'admission, admissions et refus", "dont : Avis médical défavorable"));
        Assert.Equal(["1", "0", "0", "1"], Row(report, "Sorties : type et destination", "type : Décès"));
        Assert.Equal(["76", "—", "—", "76"], Row(report, "Personnes accueillies et séjours", "Âge moyen à l'admission (ans)"));
        Assert.Equal("Cinq lits.", report.Sections[0].Texts.Single(t => t.Section == "presentation").Text);
        Assert.DoesNotContain(report.Tables(), t => t.Table.Title == "Candidatures");
    }

    [Fact]
    public void The_mobile_team_indicators_give_people_met_places_interventions_delays_checks_and_effective_orientations()
    {
        var emsp = new StructureFacts(Guid.NewGuid(), "EMSP Lille", "59", DeviceType.Emsp, 0);
        EpisodeFacts Report(string sex, DateTimeOffset at, DateTimeOffset? admitted, DateTimeOffset? exited, bool notAdmitted, params TaskAnswer[] tasks) =>
            Stay(emsp.Id, Guid.NewGuid(), sex, 1970, at, admitted, exited, notAdmitted: notAdmitted) with { Tasks = tasks };
        var report = Build(ReportKind.MobileTeam, Data(emsp,
        [
            // Met half a day after an urgent report in the street; rights open; proposed to the PASS.
            Report("F", Utc(2026, 5, 1), Utc(2026, 5, 1).AddHours(12), Utc(2026, 5, 10), false,
                Done("qualifyReport", Utc(2026, 5, 1).AddHours(2), ("place", "street"), ("urgency", "urgent")),
                Done("intervention", Utc(2026, 5, 1).AddHours(12), ("contact", "met")),
                Done("healthCheck", Utc(2026, 5, 3), ("healthRightsOpen", "true"), ("destination", "PASS"))),
            // Met two days after a report in a shelter; rights to open; no orientation.
            Report("M", Utc(2026, 6, 1), Utc(2026, 6, 3), null, false,
                Done("qualifyReport", Utc(2026, 6, 1), ("place", "shelter"), ("urgency", "normal")),
                Done("intervention", Utc(2026, 6, 3), ("contact", "met")),
                Done("healthCheck", Utc(2026, 6, 4), ("healthRightsOpen", "false"), ("destination", "aucune"))),
            // Not found three days after a report in the street.
            Report("M", Utc(2026, 7, 1), null, null, true,
                Done("qualifyReport", Utc(2026, 7, 1), ("place", "street"), ("urgency", "normal")),
                Done("intervention", Utc(2026, 7, 4), ("contact", "not-found"))),
        ], handoffs:
        [
            new HandoffFacts(emsp.Id, "PASS", HandoffState.Accepted, Utc(2026, 5, 3), Utc(2026, 5, 5)),
            new HandoffFacts(emsp.Id, "LHSS", HandoffState.Expired, Utc(2026, 6, 4), Utc(2026, 6, 11)),
        ]), MobileTeamBuilder.Build);

        Assert.Equal(["1", "2", "0", "3"], Row(report, "Personnes rencontrées", "Signalements ou demandes reçus"));
        Assert.Equal(["1", "1", "0", "2"], Row(report, "Personnes rencontrées", "Personnes rencontrées (prise en charge ouverte dans l'année)"));
        Assert.Equal(["1", "0", "0", "1"], Row(report, "Personnes rencontrées", "Accompagnements terminés"));
        Assert.Equal(["1", "1", "0", "2"], Row(report, "Lieux d'intervention (lieu de vie au signalement)", "Rue"));
        Assert.Equal(["0", "1", "0", "1"], Row(report, "Lieux d'intervention (lieu de vie au signalement)", "Hébergement d'urgence"));
        Assert.Equal(["1", "2", "0", "3"], Row(report, "Interventions", "Interventions (aller vers)"));
        Assert.Equal(["0", "1", "0", "1"], Row(report, "Interventions", "dont personne non trouvée"));
        // Delays 0.5, 2 and 3 days: the median is the 2nd of 3 (nearest rank), the 90th percentile the 3rd.
        Assert.Equal(["3", "2", "3"], Row(report, "Délais", "Signalement → intervention"));
        Assert.Equal(["1", "0,5", "0,5"], Row(report, "Délais", "dont signalements urgents"));
        Assert.Equal(["1", "0", "0", "1"], Row(report, "Bilans de santé et ouverture des droits", "dont droits santé ouverts (PUMa, CSS, AME)"));
        Assert.Equal(["0", "1", "0", "1"], Row(report, "Bilans de santé et ouverture des droits", "dont droits à ouvrir"));
        Assert.Equal(["1", "0", "0", "1"], Row(report, "Orientations proposées, par destination", "PASS"));
        const string handoffs = "Orientations vers une structure d'aval : effectivité";
        Assert.Equal(["2"], Row(report, handoffs, "Orientations proposées"));
        Assert.Equal(["1"], Row(report, handoffs, "acceptées (effectives)"));
        Assert.Equal(["1"], Row(report, handoffs, "sans réponse dans le délai (expirées)"));
        Assert.Equal(["2"], Row(report, handoffs, "Délai médian de réponse (jours)"));
    }

    [Fact]
    public void Break_in_care_indicators_give_alerts_by_type_with_time_to_resolve_overstays_ruptures_and_people_without_referent()
    {
        var lhss = new StructureFacts(Guid.NewGuid(), "LHSS Les Tilleuls", "59", DeviceType.Lhss, 10);
        var (one, two) = (Guid.NewGuid(), Guid.NewGuid());
        var report = Build(ReportKind.BreaksInCare, Data(lhss,
        [
            Stay(lhss.Id, Guid.NewGuid(), "F", 1970, Utc(2026, 1, 1), Utc(2026, 1, 2), null, hasReferent: false),
            Stay(lhss.Id, Guid.NewGuid(), "M", 1970, Utc(2026, 1, 1), Utc(2026, 1, 2), null),
        ],
        [
            new AlertFacts(lhss.Id, one, "overstay", Utc(2026, 3, 1), Utc(2026, 3, 3)),
            new AlertFacts(lhss.Id, two, "overstay", Utc(2026, 4, 1), Utc(2026, 4, 11)),
            new AlertFacts(lhss.Id, one, "dipc-late", Utc(2026, 2, 1), null),
            new AlertFacts(lhss.Id, two, "post-exit-rupture", Utc(2026, 6, 1), Utc(2026, 6, 2)),
        ]), BreakInCareBuilder.Build);

        const string alerts = "Alertes levées et résolues, par type";
        // Resolved in 2 and 10 days: the median is the 1st of 2 (nearest rank), the 90th percentile the 2nd.
        Assert.Equal(["2", "2", "2", "10"], Row(report, alerts, "Séjour dépassé"));
        Assert.Equal(["1", "0", "—", "—"], Row(report, alerts, "DIPC non remis"));
        Assert.Equal(["1", "1", "1", "1"], Row(report, alerts, "Rupture après la sortie"));
        Assert.Equal(["2"], Row(report, "Continuité des parcours", "Séjours ayant dépassé leur fin prévue"));
        Assert.Equal(["1"], Row(report, "Continuité des parcours", "Ruptures après la sortie ou sorties sans solution"));
        Assert.Equal(["1"], Row(report, "Continuité des parcours", "Personnes sans référent (à la date du rapport)"));
    }
}
