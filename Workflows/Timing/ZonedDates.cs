using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Orchestrator.Workflows.Timing;

/// <summary>
/// Reads ISO 8601 date-times as timers and activity inputs write them. With an offset (<c>Z</c>, <c>+01:00</c>) the
/// instant is exact; without one, it is the wall-clock time of the configured zone (a time skipped by the spring
/// change moves forward by the gap, a time that happens twice in autumn is the earlier); a date alone is midnight.
/// </summary>
public static class ZonedDates
{
    private static readonly OffsetDateTimePattern[] WithOffset =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] Local =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    public static bool TryParse(string? text, DateTimeZone zone, out DateTimeOffset date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Trim();
        try
        {
            foreach (var pattern in WithOffset)
                if (pattern.Parse(value) is { Success: true } exact)
                {
                    date = exact.Value.ToDateTimeOffset();
                    return true;
                }
            foreach (var pattern in Local)
                if (pattern.Parse(value) is { Success: true } local)
                {
                    date = local.Value.InZone(zone, Resolvers.LenientResolver).ToDateTimeOffset();
                    return true;
                }
            if (LocalDatePattern.Iso.Parse(value) is { Success: true } day)
            {
                date = day.Value.AtStartOfDayInZone(zone).ToDateTimeOffset();
                return true;
            }
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return false;
        }
        return false;
    }
}
