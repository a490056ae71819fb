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
        /// Jint turns a local time t (<c>new Date(2027, 9, 31, 2, 30)</c>, <c>setHours</c>…) into an instant by asking the offset at t
        /// read as UTC, then at t minus that answer, and subtracting the second answer. In the autumn's repeated hour that gives the
        /// later pass, where ECMAScript (and a timer date) takes the earlier. The second question of that pair is recognised (its
        /// argument is the first's minus the first's answer) and answered so that t minus the answer is the wall-clock time t read
        /// as a timer date is. Any other question gets the zone's offset at that instant; one that happened to look like the second
        /// of a pair gets the same answer anyway, except within a clock change's hour.
        /// </remarks>
        public override TimeSpan GetUtcOffset(long epochMilliseconds)
        {
            if (!InNodaRange(epochMilliseconds)) return base.GetUtcOffset(epochMilliseconds);
            if (_asked is { } asked && epochMilliseconds == asked.At - asked.OffsetMilliseconds)
            {
                _asked = null;
                var wallClock = Instant.FromUnixTimeMilliseconds(asked.At).InUtc().LocalDateTime;
                var instant = wallClock.InZone(zone, NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant();
                return TimeSpan.FromMilliseconds(asked.At - instant.ToUnixTimeMilliseconds());
            }
            var offset = zone.GetUtcOffset(Instant.FromUnixTimeMilliseconds(epochMilliseconds)).ToTimeSpan();
            _asked = (epochMilliseconds, (long)offset.TotalMilliseconds);
            return offset;
        }

        // Per thread: Jint evaluates on the caller's thread, and the default time system is shared.
        [ThreadStatic] private static (long At, long OffsetMilliseconds)? _asked;

        // NodaTime's instants span years -9998 to 9999; a JavaScript date may lie beyond, where the zone's rules say nothing anyway.
        private static bool InNodaRange(long epochMilliseconds) => epochMilliseconds is >= -315_000_000_000_000 and <= 253_000_000_000_000;

        private static readonly DefaultTimeSystem InUtc = new(TimeZoneInfo.Utc, CultureInfo.InvariantCulture);
        private static readonly DefaultTimeSystem InFixedOffset =
            new(TimeZoneInfo.CreateCustomTimeZone("orchestrator-fixed-offset", TimeSpan.FromHours(5), "UTC+05", "UTC+05"), CultureInfo.InvariantCulture);

        /// <summary>The system's entry for the zone (Jint parses local date texts with it); UTC where the machine has no tz database.</summary>
        private static TimeZoneInfo SystemZone(DateTimeZone zone) =>
            TimeZoneInfo.TryFindSystemTimeZoneById(zone.Id, out var found) ? found : TimeZoneInfo.Utc;
    }
}
