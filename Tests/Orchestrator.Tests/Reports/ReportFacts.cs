using Orchestrator.Application.Reports;
using Orchestrator.Domain.Pathways;

namespace Orchestrator.Tests.Reports;

/// <summary>Short ways to write a hand-checkable dataset, and to read a figure of a built report.</summary>
internal static class ReportFacts
{
    public static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    public static EpisodeFacts Stay(Guid structure, Guid person, string? sex, int? birthYear, DateTimeOffset requested, DateTimeOffset? admitted,
        DateTimeOffset? exited, ReferrerType? referredBy = null, (string Element, string Field, string Value)[]? answers = null, bool notAdmitted = false,
        PathologyCategory? pathology = null, HousingSituation? housing = null, bool hasReferent = true) =>
        new(Guid.NewGuid(), person, structure, sex, birthYear,
            notAdmitted ? EpisodeStatus.NotAdmitted : exited is null ? EpisodeStatus.Active : EpisodeStatus.Closed,
            requested, admitted, exited, notAdmitted ? requested.AddDays(1) : exited, hasReferent, referredBy, pathology, housing,
            (answers ?? []).Select(a => new TaskAnswer(a.Element, (exited ?? admitted ?? requested).AddHours(1), new Dictionary<string, string?> { [a.Field] = a.Value })).ToList());

    /// <summary>The displayed cells of the row <paramref name="row"/> of the table <paramref name="table"/>.</summary>
    public static string[] Row(Report report, string table, string row) =>
        report.Tables().Single(t => t.Table.Title == table).Table.Rows.Single(r => r.Label == row).Cells.Select(c => c.Display).ToArray();

    public static ReportTable Table(Report report, string table) => report.Tables().Single(t => t.Table.Title == table).Table;
}
