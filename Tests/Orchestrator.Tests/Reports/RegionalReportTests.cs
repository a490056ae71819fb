using Orchestrator.Application.Reports;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Structures;
using static Orchestrator.Tests.Reports.ReportFacts;

namespace Orchestrator.Tests.Reports;

/// <summary>The regional version on a hand-checkable dataset: small counts hidden, with the cells that would give them back.</summary>
public sealed class RegionalReportTests
{
    private static readonly StructureFacts Lhss59 = new(Guid.NewGuid(), "LHSS A", "59", DeviceType.Lhss, 20);
    private static readonly StructureFacts Act59 = new(Guid.NewGuid(), "ACT B", "59", DeviceType.Act, 20);
    private static readonly StructureFacts Lhss62 = new(Guid.NewGuid(), "LHSS C", "62", DeviceType.Lhss, 30);

    // Stays in 2026: 59 LHSS 12 women and 15 men, 59 ACT 3 women and 14 men, 62 LHSS 20 women and 25 men.
    private static Report Build()
    {
        var episodes = new List<EpisodeFacts>();
        foreach (var (structure, women, men) in new[] { (Lhss59, 12, 15), (Act59, 3, 14), (Lhss62, 20, 25) })
            for (var i = 0; i < women + men; i++)
                episodes.Add(Stay(structure.Id, Guid.NewGuid(), i < women ? "F" : "M", 1970, Utc(2026, 2, 1), Utc(2026, 3, 1), null));
        var data = new ReportDataset([Lhss59, Act59, Lhss62], episodes, [], [], [], [], Utc(2027, 1, 15));
        return new Report("regional", "Indicateurs régionaux", "Région", 2026, data.Now, true, RegionalReportBuilder.Build(data, 2026));
    }

    [Fact]
    public void The_three_women_of_one_act_are_hidden_with_the_cells_that_would_give_them_back_and_the_totals_stay_shown()
    {
        var report = Build();
        const string table = "Séjours de l'année par sexe";

        Assert.Equal(["59 — LHSS", "59 — ACT", "59 — Total", "62 — LHSS", "62 — Total", "Région"], Table(report, table).Rows.Select(r => r.Label));
        // 3 is suppressed; the row total 17 would give it back from the 14 men, the département's 15 women from the LHSS's 12:
        // the smallest partner in each is hidden too, and then no row or column has a single hidden cell.
        Assert.Equal(["< 11", "< 11", "0", "27"], Row(report, table, "59 — LHSS"));
        Assert.Equal(["< 11", "< 11", "0", "17"], Row(report, table, "59 — ACT"));
        Assert.Equal(["15", "29", "0", "44"], Row(report, table, "59 — Total"));
        Assert.Equal(["20", "25", "0", "45"], Row(report, table, "62 — LHSS"));
        Assert.Equal(["35", "54", "0", "89"], Row(report, table, "Région"));
        Assert.Equal(["17", "17", "0"], Row(report, "Demandes, admissions et refus", "59 — ACT"));
    }

    [Fact]
    public void No_count_from_1_to_10_is_shown_in_any_regional_table_and_rows_name_only_a_departement_and_a_device()
    {
        var report = Build();
        var counted = report.Tables().Where(t => t.Table.Title is not ("Offre" or "Durées et délais"));

        Assert.All(counted.SelectMany(t => t.Table.Rows).SelectMany(r => r.Cells), c => Assert.True(c.Suppressed || c.Value is null || c.Value == 0 || c.Value > SmallCounts.Threshold, $"{c.Value}"));
        Assert.All(report.Tables().SelectMany(t => t.Table.Rows), r => Assert.Matches(@"^(\d\d — .+|Région)$", r.Label));
        Assert.DoesNotContain(report.Tables().SelectMany(t => t.Table.Rows), r => r.Label.Contains("LHSS A") || r.Label.Contains("ACT B"));
        Assert.All(report.Sections, s => Assert.Empty(s.Texts));
    }

    [Fact]
    public void On_generated_regions_no_small_count_shows_no_total_gives_one_back_and_shown_totals_match_an_independent_count()
    {
        var random = new Random(59062);
        var devices = new[] { DeviceType.Lhss, DeviceType.Lam, DeviceType.Act, DeviceType.Emsp, DeviceType.Essip };
        for (var run = 0; run < 40; run++)
        {
            var structures = Enumerable.Range(0, random.Next(2, 9)).Select(i =>
                new StructureFacts(Guid.NewGuid(), $"S{i}", random.Next(2) == 0 ? "59" : "62", devices[random.Next(devices.Length)], 10)).ToList();
            var episodes = new List<EpisodeFacts>();
            foreach (var structure in structures)
                for (var i = random.Next(0, 40); i > 0; i--)
                {
                    var requested = Utc(2026, 1, 1).AddDays(random.Next(0, 360));
                    var admitted = random.Next(5) == 0 ? (DateTimeOffset?)null : requested.AddDays(random.Next(0, 3));
                    var exited = admitted is { } a && random.Next(2) == 0 ? a.AddDays(random.Next(1, 60)) : (DateTimeOffset?)null;
                    episodes.Add(Stay(structure.Id, Guid.NewGuid(), random.Next(3) switch { 0 => "F", 1 => "M", _ => null }, 1970, requested, admitted,
                        exited > Utc(2027, 1, 1) ? null : exited, notAdmitted: admitted is null,
                        answers: [("exitOrientation", "destination", new[] { "logement", "hopital", "rue", "CHRS" }[random.Next(4)])]));
                }
            var data = new ReportDataset(structures, episodes, [], [], [], [], Utc(2027, 1, 15));
            var report = new Report("regional", "R", "Région", 2026, data.Now, true, RegionalReportBuilder.Build(data, 2026));

            foreach (var (_, table) in report.Tables().Where(t => t.Table.Title is not ("Offre" or "Durées et délais")))
            {
                var cells = table.Rows.SelectMany(r => r.Cells).ToList();
                Assert.DoesNotContain(cells, c => !c.Suppressed && c.Value is > 0 and <= SmallCounts.Threshold);
                foreach (var row in table.Rows.Where(r => table.Columns[^1] == "Total"))
                    if (row.Cells.All(c => !c.Suppressed)) Assert.Equal(row.Cells[^1].Value, row.Cells.SkipLast(1).Sum(c => c.Value));
                    else Assert.NotEqual(1, row.Cells.Count(c => c.Suppressed));
            }
            var region = Row(report, "Séjours de l'année par sexe", "Région");
            var staying = episodes.Count(e => e.StayOverlaps(Utc(2026, 1, 1), Utc(2027, 1, 1)));
            Assert.Equal(staying is > 0 and <= SmallCounts.Threshold ? "< 11" : staying.ToString(), region[^1]);
            var requests = Row(report, "Demandes, admissions et refus", "Région")[0];
            Assert.Equal(episodes.Count is > 0 and <= SmallCounts.Threshold ? "< 11" : episodes.Count.ToString(), requests);
        }
    }
}
