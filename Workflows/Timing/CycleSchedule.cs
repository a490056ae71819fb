using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Orchestrator.Workflows.Timing;

/// <summary>
/// The occurrences of a timer cycle, anchored on its start: occurrence n is the anchor plus n times the interval,
/// computed from the anchor each time (never from the previous occurrence), so a monthly review anchored on the
/// 31st falls on the last day of every month and a daily 02:30 comes back to 02:30 after the spring change.
/// The occurrence after a given time is found by search over n (a few dozen computations at most), never by
/// walking the cycle interval by interval, so a cycle that started long ago costs nothing.
/// A start written as wall-clock time (<paramref name="WallClockAnchor"/>) anchors the calendar parts on that time, not on
/// the instant it resolved to: « 2026-03-29T02:30:00 » daily starts at 03:30 that day (02:30 does not exist) and is back at
/// 02:30 on the 30th.
/// </summary>
public sealed record CycleSchedule(IsoDuration Interval, DateTimeOffset Anchor, LocalDateTime? WallClockAnchor = null)
{
    /// <summary>The n-th occurrence in <paramref name="zone"/>, or null when it is beyond any representable date.</summary>
    public DateTimeOffset? Occurrence(long n, DateTimeZone zone) =>
        Interval.Times(n) is not { } offset ? null
        : !offset.IsFixedLength && (WallClockAnchor ?? HistoricWallClock(zone)) is { } wallClock ? (offset.TryAddTo(wallClock, zone, out var onWallClock) ? onWallClock : null)
        : offset.TryAddTo(ExactAnchor(zone), zone, out var due) ? due : null;

    /// <summary>
    /// The instant elapsed intervals count from: the start, except a start written as wall-clock time before 1970, which is read
    /// with the zone's standard offset (see <see cref="HistoricWallClock"/>): « 1776-07-04T09:00:00 » every <c>PT7H</c> falls on whole
    /// hours, not 21 seconds off them as Paris's mean time of 1776 would put it.
    /// </summary>
    private DateTimeOffset ExactAnchor(DateTimeZone zone) =>
        WallClockAnchor is not { } wallClock || Instant.FromDateTimeOffset(Anchor) >= ZonedDates.ZoneRulesSince
            ? Anchor : wallClock.WithOffset(ZonedDates.StandardOffset(zone)).ToInstant().ToDateTimeOffset();

    /// <summary>
    /// The wall-clock time calendar steps keep for a start written with an offset before 1970 (<see cref="ZonedDates.ZoneRulesSince"/>):
    /// read with the zone's standard offset, not with the one it had then. Paris kept its local mean time (UTC+00:09:21) until 1911 and GMT
    /// until 1940: <c>R/1900-01-01T09:00:00+01:00/P1D</c> read with those would ring at 08:09:21 every day for ever, where its
    /// author wrote 09:00 at the offset Paris keeps in winter (and kept all year from 1946 to 1975). Null for a start since 1970,
    /// which keeps the wall-clock time it had.
    /// </summary>
    private LocalDateTime? HistoricWallClock(DateTimeZone zone)
    {
        var anchor = Instant.FromDateTimeOffset(Anchor);
        return anchor >= ZonedDates.ZoneRulesSince ? null : anchor.WithOffset(ZonedDates.StandardOffset(zone)).LocalDateTime;
    }

    /// <summary>The smallest n ≥ <paramref name="from"/> whose occurrence is after <paramref name="time"/> (or at it, when <paramref name="orAt"/>); null when none is representable.</summary>
    public long? FirstAfter(long from, DateTimeOffset time, DateTimeZone zone, bool orAt = false)
    {
        bool Late(long n) => Occurrence(n, zone) is not { } due || (orAt ? due >= time : due > time);
        if (Late(from)) return Occurrence(from, zone) is null ? null : from;
        // Gallop until an occurrence is late enough, then halve the gap: O(log n) computations.
        long low = from, step = 1, high;
        while (true)
        {
            high = from + step;
            if (high < from || step > long.MaxValue / 4) return null;
            if (Late(high)) break;
            low = high;
            step *= 2;
        }
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (Late(middle)) high = middle; else low = middle;
        }
        return Occurrence(high, zone) is null ? null : high;
    }

    /// <summary>
    /// What a timer bookmark stores: <c>interval|anchor|index</c>, the index being the occurrence the bookmark is due at, then
    /// <c>|wall-clock anchor</c> when the start was written without an offset.
    /// </summary>
    public string Serialize(long index) => $"{Interval}|{Anchor.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}|{index}"
        + (WallClockAnchor is { } wallClock ? "|" + LocalDateTimePattern.ExtendedIso.Format(wallClock) : "");

    /// <summary>Reads <see cref="Serialize"/>; a bare interval (bookmarks written before cycles were anchored) is anchored on its last due time.</summary>
    public static (CycleSchedule Schedule, long Index) Deserialize(string state, DateTimeOffset? lastDue, DateTimeOffset now)
    {
        var parts = state.Split('|');
        if (parts.Length is 3 or 4)
            return (new CycleSchedule(IsoDuration.Parse(parts[0]),
                DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                parts.Length == 4 ? LocalDateTimePattern.ExtendedIso.Parse(parts[3]).GetValueOrThrow() : null),
                long.Parse(parts[2], CultureInfo.InvariantCulture));
        return (new CycleSchedule(IsoDuration.Parse(state), lastDue ?? now), 0);
    }
}
