using System.Globalization;
using Jint.Runtime;
using NodaTime;

namespace Orchestrator.Workflows.Expressions;

/// <summary>
/// The time a <c>${…}</c> sees: <c>Date.now()</c> and <c>new Date()</c> are the step's instant (the simulated one in a dry run, the
/// test's fake clock), and local dates (<c>new Date("2026-12-25T09:00:00")</c>, <c>new Date(2027, 6, 1, 9, 0)</c>,
/// <c>getHours()</c>) are wall-clock time in the engine's zone (<c>Workflows:TimeZone</c>, Europe/Paris by default), as a timer
/// date without offset is. Jint would otherwise read the machine's clock and zone, which a server in UTC does not share.
/// </summary>
public static partial class ExpressionTime
{
    private static readonly AsyncLocal<ZonedTimeSystem?> Current = new();
    private static readonly ZonedTimeSystem Default = new(Timing.TimerRules.Default.Zone, null);

    /// <summary>
    /// Until the returned scope is disposed, expressions evaluated in this asynchronous flow see <paramref name="now"/> (UTC instant)
    /// as the current time and <paramref name="zone"/> as their local zone.
    /// </summary>
    public static IDisposable At(DateTimeOffset now, DateTimeZone zone)
    {
        var previous = Current.Value;
        Current.Value = new ZonedTimeSystem(zone, now);
        return new Restore(previous);
    }

    internal static ITimeSystem System => Current.Value ?? Default;

    /// <summary>
    /// The instant (ms since 1970, UTC) of the wall-clock time, in the expressions' zone, whose parts <paramref name="localAsUtc"/> holds
    /// as if it were UTC: a time the autumn change repeats is the earlier, one the spring change skips moves forward by the gap.
    /// NaN stays NaN.
    /// </summary>
    internal static double WallClockToEpoch(double localAsUtc) => (Current.Value ?? Default).WallClockToEpoch(localAsUtc);

    /// <summary>The offset, in milliseconds, the expressions' zone has at an instant (ms since 1970, UTC); see <see cref="ZonedTimeSystem.OffsetAt"/>.</summary>
    internal static double OffsetAt(double epochMilliseconds) => (Current.Value ?? Default).OffsetAt(epochMilliseconds);

    private sealed class Restore(ZonedTimeSystem? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    /// <summary>Jint's time system on NodaTime's zone rules and a fixed instant (the machine's clock when none is given).</summary>
    private sealed class ZonedTimeSystem(DateTimeZone zone, DateTimeOffset? now) : DefaultTimeSystem(SystemZone(zone), CultureInfo.InvariantCulture)
    {
        public override DateTimeOffset GetUtcNow() => now ?? DateTimeOffset.UtcNow;

        /// <summary>
        /// A date-time text without offset (<c>2026-10-25T02:30:00</c>, <c>2026-10-25 02:30</c>) is wall-clock time in the zone, read as a
        /// timer date is: a time the autumn change repeats is the earlier, one the spring change skips moves forward. A date alone stays
        /// UTC midnight, as ECMAScript reads it; a text with its offset is that instant.
        /// </summary>
        public override bool TryParse(string date, out long epochMilliseconds)
        {
            // Read in two fixed zones: the same instant both times, the text named its offset (or is a date alone, which ECMAScript
            // reads as UTC); else it is wall-clock time, read as a timer date is, whatever form Jint accepts it in.
            if (!InUtc.TryParse(date, out epochMilliseconds)) return base.TryParse(date, out epochMilliseconds);
            if (!InFixedOffset.TryParse(date, out var other) || other == epochMilliseconds) return true;
            epochMilliseconds = (long)WallClockToEpoch(epochMilliseconds);
            return true;
        }

        /// <remarks>
        /// The offset of an instant, for reading its local parts (<c>getHours()</c>). Jint also asks it to turn local parts into an
        /// instant, which in the autumn's repeated hour would give the later pass: the expressions' <c>Date</c> does that through
        /// <see cref="WallClockToEpoch"/> instead (<see cref="LocalDateParts"/>).
        /// </remarks>
        public override TimeSpan GetUtcOffset(long epochMilliseconds) => TimeSpan.FromMilliseconds(OffsetAt(epochMilliseconds));

        /// <summary>
        /// The zone's offset at an instant (ms since 1970, UTC), in milliseconds; before 1970, where the tz database no longer vouches for
        /// offsets, and beyond NodaTime's years, the zone's standard offset, as a timer cycle's start is read.
        /// </summary>
        public double OffsetAt(double epochMilliseconds) => epochMilliseconds >= ZoneRulesSince && epochMilliseconds <= MaxNoda
            ? zone.GetUtcOffset(Instant.FromUnixTimeMilliseconds((long)Math.Floor(epochMilliseconds))).Milliseconds
            : _standardOffset;

        /// <summary>
        /// The instant (ms since 1970, UTC) of the wall-clock time whose parts <paramref name="localAsUtc"/> holds as if UTC: a time the
        /// autumn change repeats is the earlier, one the spring change skips moves forward by the gap; before 1970, at the standard offset.
        /// </summary>
        public double WallClockToEpoch(double localAsUtc)
        {
            if (double.IsNaN(localAsUtc) || double.IsInfinity(localAsUtc)) return double.NaN;
            // Beyond a day inside the range, only the standard offset is safe to apply; before 1970, it is the rule.
            if (localAsUtc < ZoneRulesSince + 86_400_000 || localAsUtc > MaxNoda - 86_400_000) return localAsUtc - _standardOffset;
            var whole = Math.Floor(localAsUtc);
            var wallClock = Instant.FromUnixTimeMilliseconds((long)whole).InUtc().LocalDateTime;
            var instant = wallClock.InZone(zone, NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant().ToUnixTimeMilliseconds();
            return instant < ZoneRulesSince ? localAsUtc - _standardOffset : instant + (localAsUtc - whole);
        }

        private readonly double _standardOffset = Timing.ZonedDates.StandardOffset(zone).Milliseconds;
        private static readonly double ZoneRulesSince = Timing.ZonedDates.ZoneRulesSince.ToUnixTimeMilliseconds();
        private static readonly double MaxNoda = Instant.MaxValue.ToUnixTimeMilliseconds();

        private static readonly DefaultTimeSystem InUtc = new(TimeZoneInfo.Utc, CultureInfo.InvariantCulture);
        private static readonly DefaultTimeSystem InFixedOffset =
            new(TimeZoneInfo.CreateCustomTimeZone("orchestrator-fixed-offset", TimeSpan.FromHours(5), "UTC+05", "UTC+05"), CultureInfo.InvariantCulture);

        /// <summary>The system's entry for the zone (Jint parses local date texts with it); UTC where the machine has no tz database.</summary>
        private static TimeZoneInfo SystemZone(DateTimeZone zone) =>
            TimeZoneInfo.TryFindSystemTimeZoneById(zone.Id, out var found) ? found : TimeZoneInfo.Utc;
    }
}
