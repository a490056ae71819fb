using Orchestrator.Domain.Alerts;

namespace Orchestrator.Application.Reports;

/// <summary>
/// Break-in-care indicators no existing tool gives: alerts raised and resolved by type with the time to resolve
/// (median and 90th percentile, days, nearest rank), handoffs accepted, refused or expired with the time to answer,
/// stays past their planned end (an overstay alert), people without a referent, ruptures after the exit.
/// </summary>
public static class BreakInCareBuilder
{
    /// <summary>Alert types that say a break happened after the exit or on the way out.</summary>
    public static readonly string[] PostExitTypes = ["post-exit-rupture", "lost-to-follow-up", "exit-without-solution"];

    /// <summary>The break-in-care report of the structure of <paramref name="s"/>: alerts, handoffs, continuity.</summary>
    public static IReadOnlyList<ReportSection> Build(StructureScope s) =>
    [
        new("Alertes de rupture", [Alerts(s)], []),
        new("Passages de relais", [MobileTeamBuilder.Handoffs(s, "Orientations proposées : acceptées, refusées, expirées")], []),
        new("Continuité des parcours", [Continuity(s)], []),
    ];

    private static ReportTable Alerts(StructureScope s)
    {
        var mine = s.Data.Alerts.Where(a => a.StructureId == s.Structure.Id).ToList();
        var raised = mine.Where(a => StructureScope.In(a.RaisedAt, s.Current)).ToList();
        var rows = raised.GroupBy(a => a.Type).OrderBy(g => AlertTypeLabels.Label(g.Key)).Select(g =>
        {
            var resolved = g.Where(a => a.ResolvedAt is not null).Select(a => (a.ResolvedAt!.Value - a.RaisedAt).TotalDays).ToList();
            var cells = new List<ReportCell>
            {
                ReportCell.Of(g.Count()), ReportCell.Of(resolved.Count),
                ReportCell.Of(Figures.Percentile(resolved, 50)), ReportCell.Of(Figures.Percentile(resolved, 90)),
            };
            if (s.Compare) cells.Add(ReportCell.Of(mine.Count(a => a.Type == g.Key && StructureScope.In(a.RaisedAt, s.Previous))));
            return new ReportRow(AlertTypeLabels.Label(g.Key), cells);
        }).ToList();
        var columns = new List<string> { "Levées", "Résolues", "Délai médian de résolution (jours)", "90e centile (jours)" };
        if (s.Compare) columns.Add($"Levées {s.Year - 1}");
        return new ReportTable("Alertes levées et résolues, par type", "Type d'alerte", columns, rows,
            "Alertes levées dans l'année ; délais de résolution de celles déjà résolues.", ReportChart.Bar, [0, 1]);
    }

    private static ReportTable Continuity(StructureScope s)
    {
        var mine = s.Data.Alerts.Where(a => a.StructureId == s.Structure.Id).ToList();
        int Overstays((DateTimeOffset From, DateTimeOffset To) w) => mine.Where(a => a.Type == "overstay" && StructureScope.In(a.RaisedAt, w)).Select(a => a.EpisodeId).Distinct().Count();
        int Ruptures((DateTimeOffset From, DateTimeOffset To) w) => mine.Count(a => PostExitTypes.Contains(a.Type) && StructureScope.In(a.RaisedAt, w));
        ReportRow Row(string label, Func<(DateTimeOffset From, DateTimeOffset To), int> count) =>
            new(label, s.Compare ? [ReportCell.Of(count(s.Current)), ReportCell.Of(count(s.Previous))] : [ReportCell.Of(count(s.Current))]);
        var withoutReferent = s.Episodes.Count(e => e.Status == Domain.Pathways.EpisodeStatus.Active && e.AdmittedAt is not null && !e.HasReferent);
        return new ReportTable("Continuité des parcours", "Indicateur", s.Compare ? [$"{s.Year}", $"{s.Year - 1}"] : [$"{s.Year}"],
        [
            Row("Séjours ayant dépassé leur fin prévue", Overstays),
            Row("Ruptures après la sortie ou sorties sans solution", Ruptures),
            new("Personnes sans référent (à la date du rapport)", s.Compare ? [ReportCell.Of(withoutReferent), ReportCell.Empty] : [ReportCell.Of(withoutReferent)]),
        ]);
    }
}
