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
}
