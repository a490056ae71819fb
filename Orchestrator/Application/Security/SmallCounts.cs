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
}
