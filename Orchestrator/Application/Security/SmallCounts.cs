using Orchestrator.Domain.Staff;

namespace Orchestrator.Application.Security;

/// <summary>
/// Small-cell suppression, the one rule every output a regional viewer reaches applies: a count from 1 to
/// <see cref="Threshold"/> people is not given (null, shown « &lt; 11 »), 0 and larger counts are. Source: the
/// statistical-secrecy practice of not publishing tables on populations of 10 people or fewer (domain notes §5.4,
/// change note 8 of 2026-11-30); the ARS receives no nominative data.
/// </summary>
public static class SmallCounts
{
    /// <summary>The largest count that is suppressed.</summary>
    public const int Threshold = 10;

    /// <summary>What the screens show instead of a suppressed count.</summary>
    public const string Hidden = "< 11";

    /// <summary>Null for a count from 1 to <see cref="Threshold"/>, the count otherwise.</summary>
    public static int? Suppress(int count) => count is > 0 and <= Threshold ? null : count;

    /// <summary>Whether the caller's outputs are suppressed: the regional viewer's (aggregated, non-nominative reporting).</summary>
    public static bool AppliesTo(StaffMember member) => member.Role == StaffRole.RegionalViewer;

    /// <summary>
    /// The parts of a total that is itself given: each suppressed as <see cref="Suppress"/> does, and when any part is
    /// suppressed every other non-zero part too (complementary suppression), so that the total minus the parts shown
    /// never gives back a suppressed one.
    /// </summary>
    public static IReadOnlyList<int?> SuppressParts(IReadOnlyList<int> parts)
    {
        var suppressed = parts.Select(Suppress).ToList();
        if (parts.Count < 2 || suppressed.All(p => p is not null)) return suppressed;
        return parts.Select(p => p == 0 ? (int?)0 : null).ToList();
    }

    /// <summary>The count as a screen shows it: the number, or « &lt; 11 » when suppressed.</summary>
    public static string Show(int? count) => count?.ToString() ?? Hidden;

    /// <summary>
    /// Primary and complementary suppression over a table whose cells are tied by totals. <paramref name="cells"/> are
    /// counts; each equation says that the cell <c>Total</c> is the sum of the cells <c>Parts</c> (a row and its total
    /// column, a column and its total row, a département and its devices, the region and its départements). Every count
    /// from 1 to <see cref="Threshold"/> is suppressed; then, as long as some equation has exactly one suppressed cell (it
    /// could be recomputed from the others), the smallest non-zero shown part of that equation is suppressed too (its total
    /// only when no part is left), and so on until no equation gives a suppressed cell back. Returns the indexes of the
    /// suppressed cells. (A reader solving several equations together is out of reach of this rule, as in the usual
    /// statistical practice; each table here has one level of parts per total.)
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An equation names a cell outside <paramref name="cells"/>.</exception>
    public static IReadOnlySet<int> SuppressLinked(IReadOnlyList<int> cells, IReadOnlyList<(int Total, IReadOnlyList<int> Parts)> equations)
    {
        foreach (var (total, parts) in equations)
            if (parts.Append(total).Any(i => i < 0 || i >= cells.Count)) throw new ArgumentOutOfRangeException(nameof(equations), "An equation names a cell outside the table.");
        var hidden = Enumerable.Range(0, cells.Count).Where(i => Suppress(cells[i]) is null).ToHashSet();
        for (var changed = hidden.Count > 0; changed;)
        {
            changed = false;
            foreach (var (total, parts) in equations)
            {
                if (parts.Append(total).Count(hidden.Contains) != 1) continue;
                var partner = parts.Where(i => !hidden.Contains(i) && cells[i] > 0).OrderBy(i => cells[i]).ThenBy(i => i).Cast<int?>().FirstOrDefault()
                    ?? (hidden.Contains(total) ? parts.Where(i => !hidden.Contains(i)).Cast<int?>().FirstOrDefault() : total);
                if (partner is not { } p) continue;
                hidden.Add(p);
                changed = true;
            }
        }
        return hidden;
    }
}
