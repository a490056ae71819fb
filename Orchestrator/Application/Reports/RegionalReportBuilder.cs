using Orchestrator.Application.Security;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Reports;
using Orchestrator.Domain.Structures;

namespace Orchestrator.Application.Reports;

/// <summary>
/// The regional version for the ARS (Ségur mesure 27 call: « aucune donnée nominative »; domain notes §5.4 and change
/// note 8): rows are a département and a device, a département's total and the region's; cells are counts of stays,
/// events or referrals, never a person's identity, date of birth, pseudonym, identifier or any free text. Counts from 1
/// to 10 are suppressed with complementary suppression over each table's totals (<see cref="SmallCounts.SuppressLinked"/>),
/// and each figure appears in one table only, so no table gives back what another hides. Means are given only over more
/// than ten values.
/// </summary>
public static class RegionalReportBuilder
{
    private static readonly (string Label, string[] Types)[] AlertFamilies =
    [
        ("Séjour dépassé", ["overstay"]),
        ("Sortie sans solution", ["exit-without-solution", "no-exit-solution", "no-downstream-solution"]),
        ("Rupture après la sortie", ["post-exit-rupture"]),
        ("Perdu de vue", ["lost-to-follow-up", "missed-visit"]),
        ("Orientation refusée ou sans réponse", ["handoff-refused", "handoff-expired", "handoff-incomplete"]),
    ];

    /// <summary>The regional report of calendar <paramref name="year"/> over every structure of <paramref name="data"/>, counts from 1 to 10 suppressed.</summary>
    public static IReadOnlyList<ReportSection> Build(ReportDataset data, int year)
    {
        var window = Figures.Year(year);
        bool In(DateTimeOffset? at) => at >= window.From && at < window.To;
        var structures = data.Structures.Where(s => s.Type.RunsPathways()).ToList();
        var keys = structures.Select(s => (s.Department, s.Type)).Distinct().OrderBy(k => k.Department).ThenBy(k => k.Type).ToList();
        var byKey = structures.ToLookup(s => (s.Department, s.Type), s => s.Id);
        var episodes = data.Episodes.ToLookup(e => Key(structures, e.StructureId));
        var recourses = data.Recourses.Where(r => In(r.At)).ToLookup(r => Key(structures, r.StructureId));
        var alerts = data.Alerts.Where(a => In(a.RaisedAt)).ToLookup(a => Key(structures, a.StructureId));
        var handoffs = data.Handoffs.Where(h => In(h.ProposedAt)).ToLookup(h => Key(structures, h.FromStructureId));
        var destinations = data.Episodes.Where(e => In(e.ExitedAt)).Select(e => AnswerLabels.Destination(e.Answer("destination"))).Distinct().Order().ToList();

        var offer = new ReportTable("Offre", "Département — dispositif", ["Structures", "Places"],
            keys.Select(k => new ReportRow(Label(k), [ReportCell.Of(byKey[k].Count()), ReportCell.Of(structures.Where(s => (s.Department, s.Type) == k).Sum(s => s.Capacity))])).ToList(),
            "Structures et places ne sont pas des effectifs de personnes : elles ne sont pas masquées.");
        var activity = Table("Demandes, admissions et refus", ["Demandes reçues", "Admissions", "Refus et demandes sans suite"], false, keys, k =>
        [
            episodes[k].Count(e => In(e.RequestedAt)), episodes[k].Count(e => In(e.AdmittedAt)),
            episodes[k].Count(e => e.Status == Domain.Pathways.EpisodeStatus.NotAdmitted && In(e.ClosedAt)),
        ]);
        var bySex = Table("Séjours de l'année par sexe", [.. Figures.Sexes, "Total"], true, keys, k =>
        {
            var counts = new int[4];
            foreach (var e in episodes[k].Where(e => e.StayOverlaps(window.From, window.To))) { counts[Figures.SexIndex(e.Sex)]++; counts[3]++; }
            return counts;
        }, "Séjours pendant lesquels la personne était présente dans l'année (une personne accueillie deux fois compte deux séjours).");
        var exits = Table("Sorties par destination", [.. destinations, "Total"], true, keys, k =>
        {
            var exited = episodes[k].Where(e => e.AdmittedAt is not null && In(e.ExitedAt)).ToList();
            return [.. destinations.Select(d => exited.Count(e => AnswerLabels.Destination(e.Answer("destination")) == d)), exited.Count];
        });
        var kinds = Enum.GetValues<CareRecourseKind>();
        var care = Table("Recours aux soins extérieurs", [.. kinds.Select(k => k.Label()), "Total"], true, keys, k =>
            [.. kinds.Select(kind => recourses[k].Count(r => r.Kind == kind)), recourses[k].Count()]);
        var breaks = Table("Alertes de rupture levées", [.. AlertFamilies.Select(f => f.Label), "Autres alertes", "Total"], true, keys, k =>
        [
            .. AlertFamilies.Select(f => alerts[k].Count(a => f.Types.Contains(a.Type))),
            alerts[k].Count(a => !AlertFamilies.Any(f => f.Types.Contains(a.Type))), alerts[k].Count(),
        ]);
        var states = new[] { (HandoffState.Accepted, "Acceptées"), (HandoffState.Refused, "Refusées"), (HandoffState.Expired, "Expirées"), (HandoffState.Proposed, "En attente") };
        var orientations = Table("Orientations proposées vers une structure d'aval", [.. states.Select(s => s.Item2), "Total"], true, keys, k =>
            [.. states.Select(s => handoffs[k].Count(h => h.State == s.Item1)), handoffs[k].Count()]);
        var durations = new ReportTable("Durées et délais", "Département — dispositif", ["Durée moyenne des séjours terminés (jours)", "Délai médian de résolution des alertes (jours)"],
            keys.Select(k =>
            {
                var lengths = episodes[k].Where(e => e.AdmittedAt is not null && In(e.ExitedAt)).Select(e => (double)Figures.Days(e.AdmittedAt!.Value, e.ExitedAt!.Value)).ToList();
                var resolutions = alerts[k].Where(a => a.ResolvedAt is not null).Select(a => (a.ResolvedAt!.Value - a.RaisedAt).TotalDays).ToList();
                return new ReportRow(Label(k), [OverTen(lengths, Figures.Mean), OverTen(resolutions, v => Figures.Percentile(v, 50))]);
            }).ToList(), "Données seulement au-delà de dix valeurs.");
        return
        [
            new("Offre et activité", [offer, activity, bySex], []),
            new("Sorties et recours aux soins", [exits, care], []),
            new("Ruptures de parcours et orientations", [breaks, orientations, durations], []),
        ];
    }

    private static (string, DeviceType) Key(List<StructureFacts> structures, Guid id)
    {
        var s = structures.FirstOrDefault(x => x.Id == id);
        return s is null ? ("", DeviceType.Lhss) : (s.Department, s.Type);
    }

    private static string Label((string Department, DeviceType Type) key) => $"{key.Department} — {key.Type.Label()}";

    private static ReportCell OverTen(List<double> values, Func<List<double>, double?> measure) =>
        values.Count > SmallCounts.Threshold ? ReportCell.Of(measure(values)) : ReportCell.Empty;

    /// <summary>
    /// A table of counts with a row per département and device, a total row per département and one for the region;
    /// with <paramref name="lastIsTotal"/>, its last column is the sum of the others. Suppressed as <see cref="SmallCounts.SuppressLinked"/> says.
    /// </summary>
    public static ReportTable Table(string title, IReadOnlyList<string> columns, bool lastIsTotal, IReadOnlyList<(string Department, DeviceType Type)> keys,
        Func<(string Department, DeviceType Type), int[]> values, string? note = null)
    {
        var labels = new List<string>();
        var grid = new List<int[]>();
        var equations = new List<(int Total, IReadOnlyList<int> Parts)>();
        var width = columns.Count;
        var departmentRows = new List<int>();
        foreach (var department in keys.GroupBy(k => k.Department))
        {
            var parts = new List<int>();
            foreach (var key in department)
            {
                parts.Add(grid.Count);
                labels.Add(Label(key));
                grid.Add(values(key));
            }
            departmentRows.Add(grid.Count);
            labels.Add($"{department.Key} — Total");
            grid.Add(Enumerable.Range(0, width).Select(c => parts.Sum(r => grid[r][c])).ToArray());
            var totalRow = grid.Count - 1;
            for (var c = 0; c < width; c++) equations.Add((totalRow * width + c, parts.Select(r => r * width + c).ToList()));
        }
        labels.Add("Région");
        grid.Add(Enumerable.Range(0, width).Select(c => departmentRows.Sum(r => grid[r][c])).ToArray());
        for (var c = 0; c < width; c++) equations.Add(((grid.Count - 1) * width + c, departmentRows.Select(r => r * width + c).ToList()));
        if (lastIsTotal)
            for (var r = 0; r < grid.Count; r++) equations.Add((r * width + width - 1, Enumerable.Range(0, width - 1).Select(c => r * width + c).ToList()));
        var flat = grid.SelectMany(row => row).ToList();
        var hidden = SmallCounts.SuppressLinked(flat, equations);
        var rows = grid.Select((row, r) => new ReportRow(labels[r], row.Select((v, c) => hidden.Contains(r * width + c) ? ReportCell.Hidden : ReportCell.Of(v)).ToList())).ToList();
        return new ReportTable(title, "Département — dispositif", columns, rows, note);
    }
}
