using Orchestrator.Domain.Pathways;

namespace Orchestrator.Application.Reports;

/// <summary>
/// One structure's facts seen for a calendar year and, when the structure already had referrals before that year, the
/// previous year to compare with. Windows are [1 January, next 1 January), midnight in Paris.
/// </summary>
public sealed class StructureScope(ReportDataset data, StructureFacts structure, int year)
{
    /// <summary>Every fact the report is built from.</summary>
    public ReportDataset Data { get; } = data;
    /// <summary>The structure reported on.</summary>
    public StructureFacts Structure { get; } = structure;
    /// <summary>The calendar year reported on.</summary>
    public int Year { get; } = year;
    /// <summary>The year's window: [1 January, next 1 January), midnight in Paris (see <see cref="Figures.Year"/>).</summary>
    public (DateTimeOffset From, DateTimeOffset To) Current { get; } = Figures.Year(year);
    /// <summary>The previous year's window, the same way.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Previous { get; } = Figures.Year(year - 1);

    /// <summary>Every episode of the structure known to the dataset.</summary>
    public IReadOnlyList<EpisodeFacts> Episodes { get; } = data.Episodes.Where(e => e.StructureId == structure.Id).ToList();

    /// <summary>Whether there is a previous year to compare with: a referral to the structure before this year.</summary>
    public bool Compare => Episodes.Any(e => e.RequestedAt < Current.From);

    /// <summary>The same figure over the previous year, or null when there is none to compare with.</summary>
    public IEnumerable<T>? Before<T>(Func<(DateTimeOffset From, DateTimeOffset To), IEnumerable<T>> select) => Compare ? select(Previous) : null;

    /// <summary>The end of the window as far as it has happened: stays still running are counted up to now.</summary>
    public DateTimeOffset Now => Data.Now;

    /// <summary>Whether <paramref name="at"/> falls in window <paramref name="w"/> (start included, end excluded); false for null.</summary>
    public static bool In(DateTimeOffset? at, (DateTimeOffset From, DateTimeOffset To) w) => at >= w.From && at < w.To;

    /// <summary>Referrals received in the window (admission requests, candidatures, reports).</summary>
    public IEnumerable<EpisodeFacts> Requested((DateTimeOffset From, DateTimeOffset To) w) => Episodes.Where(e => In(e.RequestedAt, w));

    /// <summary>Admissions in the window.</summary>
    public IEnumerable<EpisodeFacts> Admitted((DateTimeOffset From, DateTimeOffset To) w) => Episodes.Where(e => In(e.AdmittedAt, w));

    /// <summary>Referrals that ended without admission in the window (refused, not eligible, withdrawn).</summary>
    public IEnumerable<EpisodeFacts> NotAdmitted((DateTimeOffset From, DateTimeOffset To) w) =>
        Episodes.Where(e => e.Status == EpisodeStatus.NotAdmitted && In(e.ClosedAt, w));

    /// <summary>Stays that ended (exit) in the window.</summary>
    public IEnumerable<EpisodeFacts> Exited((DateTimeOffset From, DateTimeOffset To) w) => Episodes.Where(e => e.AdmittedAt is not null && In(e.ExitedAt, w));

    /// <summary>Stays during which the person was in the structure at some time of the window (the « file active »).</summary>
    public IEnumerable<EpisodeFacts> Staying((DateTimeOffset From, DateTimeOffset To) w) => Episodes.Where(e => e.StayOverlaps(w.From, w.To));

    /// <summary>One stay per person among <paramref name="stays"/>: their latest admission.</summary>
    public static IEnumerable<EpisodeFacts> People(IEnumerable<EpisodeFacts> stays) =>
        stays.GroupBy(e => e.PersonId).Select(g => g.OrderBy(e => e.AdmittedAt).Last());
}
