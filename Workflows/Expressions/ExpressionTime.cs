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
            return base.TryParse(date, out epochMilliseconds);
        }

        public override TimeSpan GetUtcOffset(long epochMilliseconds)
        {
            // NodaTime's instants span years -9998 to 9999; a JavaScript date may lie beyond, where the zone's rules say nothing anyway.
            if (epochMilliseconds is < -315_000_000_000_000 or > 253_000_000_000_000) return base.GetUtcOffset(epochMilliseconds);
            return zone.GetUtcOffset(Instant.FromUnixTimeMilliseconds(epochMilliseconds)).ToTimeSpan();
        }

        /// <summary>The system's entry for the zone (Jint parses local date texts with it); UTC where the machine has no tz database.</summary>
        private static TimeZoneInfo SystemZone(DateTimeZone zone) =>
            TimeZoneInfo.TryFindSystemTimeZoneById(zone.Id, out var found) ? found : TimeZoneInfo.Utc;
    }
}
