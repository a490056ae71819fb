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

    private const int MaxOffsetSeconds = 14 * 3600;

    /// <summary>Reads an ISO 8601 date or date-time (see the type); false for anything else.</summary>
    public static bool TryParse(string? text, DateTimeZone zone, out DateTimeOffset date) => TryParse(text, zone, out date, out _);

    /// <summary>
    /// 1970-01-01T00:00Z: before it the tz database no longer vouches for a zone's offsets, and they were often long out of use
    /// (Paris's mean time, UTC+00:09:21, until 1911; GMT until 1940). A cycle's start and an expression's local time before it are read
    /// at <see cref="StandardOffset"/>.
    /// </summary>
    public static readonly Instant ZoneRulesSince = Instant.FromUtc(1970, 1, 1, 0, 0);

    /// <summary>The zone's standard offset, that of 1 January 2000 (+01:00 for Paris, which it also kept all year from 1946 to 1975).</summary>
    public static Offset StandardOffset(DateTimeZone zone) => zone.GetZoneInterval(Instant.FromUtc(2000, 1, 1, 0, 0)).StandardOffset;

    /// <summary>
    /// The instant with its offset, or in UTC when the offset has seconds (a local mean time, Paris's +00:09:21 before 1911): a
    /// <see cref="DateTimeOffset"/> holds whole minutes only, and would move the instant by the seconds it drops.
    /// </summary>
    private static DateTimeOffset Exact(ZonedDateTime zoned) =>
        zoned.Offset.Seconds % 60 == 0 ? zoned.ToDateTimeOffset() : zoned.ToInstant().ToDateTimeOffset();

    /// <summary>
    /// As <see cref="TryParse(string?, DateTimeZone, out DateTimeOffset)"/>, also giving the wall-clock time the text names when it
    /// has no offset (null with one): a cycle anchored at 02:30 on the day of the spring change starts at 03:30 that day, and
    /// returns to 02:30 the next, which only the wall-clock time it was written with can say.
    /// </summary>
    public static bool TryParse(string? text, DateTimeZone zone, out DateTimeOffset date, out LocalDateTime? wallClock)
    {
        date = default;
        wallClock = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Trim();
        try
        {
            foreach (var pattern in WithOffset)
                if (pattern.Parse(value) is { Success: true } exact)
                {
                    // ISO 8601 profiles (XML Schema's dateTime, RFC 3339) stop at ±14:00, as DateTimeOffset does: +15:00 is no offset;
                    // and an offset is hours and minutes: +00:09:21 would be cut to +00:09, the instant moved by 21 seconds.
                    if (Math.Abs(exact.Value.Offset.Seconds) > MaxOffsetSeconds || exact.Value.Offset.Seconds % 60 != 0) return false;
                    date = exact.Value.ToDateTimeOffset();
                    return true;
                }
            foreach (var pattern in Local)
                if (pattern.Parse(value) is { Success: true } local)
                {
                    date = Exact(local.Value.InZone(zone, Resolvers.LenientResolver));
                    wallClock = local.Value;
                    return true;
                }
            if (LocalDatePattern.Iso.Parse(value) is { Success: true } day)
            {
                date = Exact(day.Value.AtStartOfDayInZone(zone));
                wallClock = day.Value.AtMidnight();
                return true;
            }
        }
        // NodaTime says InvalidOperationException for a local time in year 1 that falls before 0001-01-01T00:00Z once placed in the zone.
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException or InvalidOperationException)
        {
            return false;
        }
        return false;
    }
}
