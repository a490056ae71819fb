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

    private sealed class Restore(ZonedTimeSystem? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$")]
    private static partial System.Text.RegularExpressions.Regex LocalDateTime();

    /// <summary>Jint's time system on NodaTime's zone rules and a fixed instant (the machine's clock when none is given).</summary>
    private sealed class ZonedTimeSystem(DateTimeZone zone, DateTimeOffset? now) : DefaultTimeSystem(SystemZone(zone), CultureInfo.InvariantCulture)
    {
        public override DateTimeOffset GetUtcNow() => now ?? DateTimeOffset.UtcNow;

        /// <summary>
        /// A date-time text without offset (<c>2026-10-25T02:30:00</c>) is wall-clock time in the zone, read as a timer date is: a
        /// time the autumn change repeats is the earlier, one the spring change skips moves forward. A date alone stays UTC midnight,
        /// as ECMAScript reads it; anything else is Jint's.
        /// </summary>
        public override bool TryParse(string date, out long epochMilliseconds)
        {
            if (LocalDateTime().IsMatch(date) && Timing.ZonedDates.TryParse(date, zone, out var local))
            {
                epochMilliseconds = local.ToUnixTimeMilliseconds();
                return true;
            }
            // Jint's other forms (« 2027-10-31 02:30 », « Oct 31, 2027 02:30 ») read in two fixed zones: the same instant both times,
            // the text named its offset; else it is wall-clock time, read here as a timer date is (the system's zone entry would
            // take the later pass of the autumn's repeated hour).
            if (!InUtc.TryParse(date, out epochMilliseconds)) return base.TryParse(date, out epochMilliseconds);
            if (!InFixedOffset.TryParse(date, out var other) || other == epochMilliseconds) return true;
            if (!InNodaRange(epochMilliseconds)) return true;
            var wallClock = Instant.FromUnixTimeMilliseconds(epochMilliseconds).InUtc().LocalDateTime;
            epochMilliseconds = wallClock.InZone(zone, NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant().ToUnixTimeMilliseconds();
            return true;
        }

        /// <remarks>
        /// The offset of an instant, for reading its local parts (<c>getHours()</c>). Jint also asks it to turn local parts into an
        /// instant, which in the autumn's repeated hour would give the later pass: the expressions' <c>Date</c> does that through
        /// <see cref="WallClockToEpoch"/> instead (<see cref="ExpressionEvaluator"/>).
        /// </remarks>
        public override TimeSpan GetUtcOffset(long epochMilliseconds) => InNodaRange(epochMilliseconds)
            ? zone.GetUtcOffset(Instant.FromUnixTimeMilliseconds(epochMilliseconds)).ToTimeSpan()
            : base.GetUtcOffset(epochMilliseconds);

        /// <summary>The instant (ms since 1970, UTC) of the wall-clock time whose parts <paramref name="localAsUtc"/> holds as if UTC.</summary>
        public double WallClockToEpoch(double localAsUtc)
        {
            if (double.IsNaN(localAsUtc)) return double.NaN;
            if (!InNodaRange((long)localAsUtc)) return localAsUtc - base.GetUtcOffset((long)localAsUtc).TotalMilliseconds;
            var wallClock = Instant.FromUnixTimeMilliseconds((long)localAsUtc).InUtc().LocalDateTime;
            return wallClock.InZone(zone, NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant().ToUnixTimeMilliseconds() + (localAsUtc - Math.Floor(localAsUtc));
        }

        // NodaTime's instants span years -9998 to 9999; a JavaScript date may lie beyond, where the zone's rules say nothing anyway.
        private static bool InNodaRange(long epochMilliseconds) =>
            epochMilliseconds >= MinNoda && epochMilliseconds <= MaxNoda;

        // A day inside each end, so that a local time read as UTC stays inside once its offset is applied.
        private static readonly long MinNoda = Instant.FromUtc(-9998, 1, 2, 0, 0).ToUnixTimeMilliseconds();
        private static readonly long MaxNoda = Instant.FromUtc(9999, 12, 30, 0, 0).ToUnixTimeMilliseconds();

        private static readonly DefaultTimeSystem InUtc = new(TimeZoneInfo.Utc, CultureInfo.InvariantCulture);
        private static readonly DefaultTimeSystem InFixedOffset =
            new(TimeZoneInfo.CreateCustomTimeZone("orchestrator-fixed-offset", TimeSpan.FromHours(5), "UTC+05", "UTC+05"), CultureInfo.InvariantCulture);

        /// <summary>The system's entry for the zone (Jint parses local date texts with it); UTC where the machine has no tz database.</summary>
        private static TimeZoneInfo SystemZone(DateTimeZone zone) =>
            TimeZoneInfo.TryFindSystemTimeZoneById(zone.Id, out var found) ? found : TimeZoneInfo.Utc;
    }
}
