namespace Orchestrator.Application.Reports;

/// <summary>
/// The LHSS annual evaluation, following the outline of the 2006 DGAS circular on LHSS (annex I « Trame
/// d'évaluation », CASF L312-8): I presentation, II quantitative aspect broken down by sex, III qualitative aspect and
/// IV conclusions written by the director; compared with the previous year where one exists.
/// </summary>
public static class LhssEvaluationBuilder
{
    /// <summary>The evaluation of the structure of <paramref name="s"/>, with the director's <paramref name="texts"/> by section key.</summary>
    public static IReadOnlyList<ReportSection> Build(StructureScope s, IReadOnlyDictionary<string, string> texts) =>
    [
        new("I. Présentation de la structure", [Capacity(s)], NarrativeSections.Texts("I", texts)),
        new("II. Aspect quantitatif", [
            CommonTables.MonthlyOccupancy(s), CommonTables.Demand(s), CommonTables.People(s), CommonTables.InterruptionsAndReturns(s),
            CommonTables.Exits(s), CommonTables.Recourses(s), CommonTables.Staff(s), CommonTables.Referrers(s),
        ], NarrativeSections.Texts("II", texts)),
        new("III. Aspect qualitatif", [], NarrativeSections.Texts("III", texts)),
        new("IV. Conclusions et perspectives", [], NarrativeSections.Texts("IV", texts)),
    ];

    /// <summary>The structure's places (its sites' capacities today).</summary>
    public static ReportTable Capacity(StructureScope s) =>
        new("Capacité", "Structure", ["Places"], [new ReportRow(s.Structure.Name, [ReportCell.Of(s.Structure.Capacity)])]);
}
