using Orchestrator.Domain.Pathways;

namespace Orchestrator.Application.Reports;

/// <summary>
/// The ACT standard activity report (Fédération Santé Habitat model, domain notes §5.2: candidatures, refusals
/// including for lack of places, pathologies in broad coded categories, housing before entry, exit destinations,
/// length of support) and the LAM figures, with the same tables as the LHSS evaluation where they coincide.
/// </summary>
public static class ResidentialReportBuilders
{
    /// <summary>The ACT standard activity report of the structure of <paramref name="s"/>, with the director's <paramref name="texts"/> by section key.</summary>
    public static IReadOnlyList<ReportSection> Act(StructureScope s, IReadOnlyDictionary<string, string> texts) =>
    [
        new("Présentation", [LhssEvaluationBuilder.Capacity(s)], NarrativeSections.Texts("I", texts)),
        new("Candidatures et admissions", [Candidatures(s), CommonTables.Demand(s, "Refus par motif", "Candidatures reçues")], []),
        new("Personnes accompagnées", [CommonTables.People(s, "File active"), Pathologies(s), Housing(s)], []),
        new("Sorties et durée d'accompagnement", [CommonTables.Exits(s, "Destinations de sortie"), Length(s)], []),
        new("Recours aux soins et équipe", [CommonTables.Recourses(s), CommonTables.Staff(s)], []),
        new("Conclusions et perspectives", [], NarrativeSections.Texts("IV", texts)),
    ];

    /// <summary>The LAM activity report of the structure of <paramref name="s"/>, with the director's <paramref name="texts"/> by section key.</summary>
    public static IReadOnlyList<ReportSection> Lam(StructureScope s, IReadOnlyDictionary<string, string> texts) =>
    [
        new("Présentation", [LhssEvaluationBuilder.Capacity(s)], NarrativeSections.Texts("I", texts)),
        new("Activité", [CommonTables.MonthlyOccupancy(s), CommonTables.Demand(s), CommonTables.People(s), CommonTables.InterruptionsAndReturns(s)], []),
        new("Sorties", [CommonTables.Exits(s)], []),
        new("Recours aux soins, équipe, orientations", [CommonTables.Recourses(s), CommonTables.Staff(s), CommonTables.Referrers(s)], []),
        new("Conclusions et perspectives", [], NarrativeSections.Texts("IV", texts)),
    ];

    /// <summary>Candidatures, refusals, of which for lack of places, and the refusal rate (refusals over decided candidatures, %).</summary>
    public static ReportTable Candidatures(StructureScope s)
    {
        IEnumerable<EpisodeFacts> NoPlace((DateTimeOffset From, DateTimeOffset To) w) => s.NotAdmitted(w).Where(e => AnswerLabels.RefusalReason(e) == AnswerLabels.NoPlace);
        double? RefusalRate(IReadOnlyList<(EpisodeFacts E, bool Refused)> decided) => decided.Count == 0 ? null : 100.0 * decided.Count(d => d.Refused) / decided.Count;
        IEnumerable<(EpisodeFacts E, bool Refused)> Decided((DateTimeOffset From, DateTimeOffset To) w) =>
            s.Admitted(w).Select(e => (e, false)).Concat(s.NotAdmitted(w).Select(e => (e, true)));
        var rows = new List<ReportRow>
        {
            Figures.CountRow("Candidatures reçues", s.Requested(s.Current), e => e.Sex, s.Before(s.Requested)),
            Figures.CountRow("Admissions", s.Admitted(s.Current), e => e.Sex, s.Before(s.Admitted)),
            Figures.CountRow("Refus", s.NotAdmitted(s.Current), e => e.Sex, s.Before(s.NotAdmitted)),
            Figures.CountRow("dont faute de place", NoPlace(s.Current), e => e.Sex, s.Before(NoPlace)),
            Figures.MeasureRow("Taux de refus (%)", Decided(s.Current), d => d.E.Sex, RefusalRate, s.Before(Decided)),
        };
        return new ReportTable("Candidatures", "Indicateur", Figures.SexColumns(s.Year, s.Compare), rows, Chart: ReportChart.Bar, ChartColumns: [0, 1, 2]);
    }

    /// <summary>People of the file active by broad pathology category recorded at referral.</summary>
    public static ReportTable Pathologies(StructureScope s)
    {
        static string Of(EpisodeFacts e) => e.Pathology?.Label() ?? "Non renseignée";
        IEnumerable<EpisodeFacts> People((DateTimeOffset From, DateTimeOffset To) w) => StructureScope.People(s.Staying(w));
        var rows = People(s.Current).Concat(s.Before(People) ?? []).Select(Of).Distinct().Order()
            .Select(p => Figures.CountRow(p, People(s.Current).Where(e => Of(e) == p), e => e.Sex, s.Before(w => People(w).Where(e => Of(e) == p)))).ToList();
        return new ReportTable("Pathologies principales (file active)", "Catégorie", Figures.SexColumns(s.Year, s.Compare), rows, Chart: ReportChart.Donut, ChartColumns: [3]);
    }

    /// <summary>Admissions of the year by housing situation before entry.</summary>
    public static ReportTable Housing(StructureScope s)
    {
        static string Of(EpisodeFacts e) => e.HousingBeforeEntry?.Label() ?? "Non renseignée";
        var rows = s.Admitted(s.Current).Concat(s.Before(s.Admitted) ?? []).Select(Of).Distinct().Order()
            .Select(h => Figures.CountRow(h, s.Admitted(s.Current).Where(e => Of(e) == h), e => e.Sex, s.Before(w => s.Admitted(w).Where(e => Of(e) == h)))).ToList();
        return new ReportTable("Situation de logement avant l'entrée (admissions de l'année)", "Situation", Figures.SexColumns(s.Year, s.Compare), rows);
    }

    /// <summary>Length of the supports ended in the year: mean (days) and distribution in calendar months.</summary>
    public static ReportTable Length(StructureScope s)
    {
        static string Band(EpisodeFacts e) => e.ExitedAt!.Value switch
        {
            var x when x < e.AdmittedAt!.Value.AddMonths(6) => "Moins de 6 mois",
            var x when x < e.AdmittedAt!.Value.AddMonths(12) => "6 à 12 mois",
            var x when x < e.AdmittedAt!.Value.AddMonths(24) => "1 à 2 ans",
            _ => "2 ans et plus",
        };
        var rows = new List<ReportRow> { Figures.MeasureRow("Durée moyenne (jours)", s.Exited(s.Current), e => e.Sex, CommonTables.MeanLength, s.Before(s.Exited)) };
        rows.AddRange(new[] { "Moins de 6 mois", "6 à 12 mois", "1 à 2 ans", "2 ans et plus" }
            .Select(b => Figures.CountRow(b, s.Exited(s.Current).Where(e => Band(e) == b), e => e.Sex, s.Before(w => s.Exited(w).Where(e => Band(e) == b)))));
        return new ReportTable("Durée d'accompagnement (accompagnements terminés)", "Indicateur", Figures.SexColumns(s.Year, s.Compare), rows);
    }
}
