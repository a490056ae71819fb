using NodaTime;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Timing;

/// <summary>When a timer is due: its first due time once armed, and for a cycle each next occurrence.</summary>
public sealed record TimerPlan(DateTimeOffset Due, int? CycleRemaining, string? CycleState);

/// <summary>Turns an evaluated timer value into its due times, in the wall-clock time of the configured zone.</summary>
public static class TimerValue
{
    /// <summary>How many times a bounded cycle faster than the floor may repeat: a burst of reminders, not a stream of steps.</summary>
    public const int MaxFastRepetitions = 60;

    /// <summary>
    /// Null when <paramref name="value"/> is a timer value of <paramref name="kind"/> whose first due time can be
    /// computed from <see cref="TimerRules.Now"/>; else the reason. <paramref name="mustNotRunAway"/> (a timer start
    /// event) applies the cycle floor to every cycle; otherwise unbounded cycles are held to it, and bounded ones of more than
    /// <see cref="MaxFastRepetitions"/> repetitions.
    /// </summary>
    public static string? Check(TimerKind kind, string value, TimerRules? rules = null, bool mustNotRunAway = false)
    {
        rules ??= TimerRules.Default;
        switch (kind)
        {
            case TimerKind.Duration:
                if (IsoDuration.Read(value, out var duration) is { } reason) return reason;
                return duration.TryAddTo(rules.Now, rules.Zone, out _) ? null : ReasonText.Format(Reasons.DurationTooLong, value);
            case TimerKind.Date:
                if (!ZonedDates.TryParse(value, rules.Zone, out var date)) return ReasonText.Format(Reasons.NotIsoDateTimeExample, value);
                // A timer start event is armed when the definition is published: a date already past would start an instance at once, on
                // every publication, rather than on its date (as a start cycle wholly past is refused).
                return !rules.Stored && mustNotRunAway && date < rules.Now ? ReasonText.Format(Reasons.StartDatePast, value, date) : null;
            case TimerKind.Cycle:
                if (!RepeatingInterval.TryParse(value, rules.Zone, out var parsed, out var error)) return error;
                var cycle = parsed!;
                // A bounded cycle faster than the floor is a burst of a few occurrences (two reminders 50 s apart) when it repeats at most
                // MaxFastRepetitions times; beyond, it is a stream: R2147483647/PT0.001S is bounded in name only, a thousand steps a second
                // for 24 days.
                var runsLong = cycle.Repetitions is > MaxFastRepetitions;
                if (!rules.Stored && (mustNotRunAway || cycle.Repetitions is null || runsLong) && cycle.Interval.ApproximateLength < rules.MinimumCycleInterval)
                    return ReasonText.Format(Reasons.CycleTooShort, cycle.Interval, rules.MinimumCycleInterval,
                        mustNotRunAway ? Reasons.CycleForStart : cycle.Repetitions is { } count ? ReasonText.Format(Reasons.CycleRunsLong, count) : Reasons.CycleUnbounded);
                var schedule = new CycleSchedule(cycle.Interval, cycle.Start ?? rules.Now, cycle.WallClockStart);
                if (schedule.Occurrence(cycle.Start is null ? 1 : 0, rules.Zone) is null)
                    return ReasonText.Format(Reasons.FirstOccurrenceUnrepresentable, value);
                if (LastUnrepresentable(cycle, schedule, rules.Zone) is { } occurrence)
                    return ReasonText.Format(Reasons.OccurrenceUnrepresentable, value, occurrence);
                // A timer start event is armed when the definition is published: a cycle wholly past would start nothing, silently.
                if (!rules.Stored && mustNotRunAway && cycle.Start is not null && cycle.Repetitions is { } r
                    && schedule.Occurrence(r - 1, rules.Zone) is { } last && last < rules.Now)
                    return ReasonText.Format(Reasons.AllOccurrencesPast, value, last);
                return null;
            default:
                return Reasons.UnknownTimerKind;
        }
    }

    /// <summary>
    /// The number (from 1, as a person counts them) of the last occurrence of a bounded cycle when it lies beyond the dates a
    /// calendar holds; null when it fits, or when the cycle is unbounded (it simply stops at the calendar's end).
    /// </summary>
    private static long? LastUnrepresentable(RepeatingInterval cycle, CycleSchedule schedule, DateTimeZone zone)
    {
        if (cycle.Repetitions is not { } repetitions) return null;
        long last = (cycle.Start is null ? 1 : 0) + repetitions - 1;
        return schedule.Occurrence(last, zone) is null ? repetitions : null;
    }

    /// <summary>Reads an ISO 8601 date-time; without an offset it is wall-clock time in <paramref name="zone"/>.</summary>
    public static bool TryParseDate(string value, DateTimeZone zone, out DateTimeOffset date) => ZonedDates.TryParse(value, zone, out date);

    /// <summary>
    /// The first due time once armed at <paramref name="now"/>; for a cycle also the repetitions owed after it
    /// (-1 = unbounded) and its anchored state: its first occurrence at or after <paramref name="now"/>, strictly after it when
    /// <paramref name="takeNow"/> is false (the timer's own firing led back to it at this instant). A cycle whose occurrences all
    /// lie before <paramref name="now"/> owes nothing: null, the timer is not armed (occurrences before the element was reached
    /// were never due).
    /// </summary>
    /// <exception cref="FormatException">The value is not a timer value of that kind.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The due time cannot be represented; the message is the reason, in the UI culture.</exception>
    public static TimerPlan? First(TimerKind kind, string value, DateTimeOffset now, DateTimeZone zone, bool takeNow = true)
    {
        switch (kind)
        {
            case TimerKind.Duration:
                // The reason as validation words it, without the parameter name an argument exception appends: it reaches incidents.
                return IsoDuration.Parse(value).TryAddTo(now, zone, out var due) ? new TimerPlan(due, null, null)
                    : throw new ArgumentOutOfRangeException(null, ReasonText.Format(Reasons.DurationTooLong, value));
            case TimerKind.Date:
                if (!ZonedDates.TryParse(value, zone, out var date)) throw new FormatException($"'{value}' is not an ISO 8601 date-time.");
                return new TimerPlan(date, null, null);
            default:
                if (!RepeatingInterval.TryParse(value, zone, out var cycle, out var error)) throw new FormatException(error);
                var schedule = new CycleSchedule(cycle!.Interval, cycle.Start ?? now, cycle.WallClockStart);
                long first = cycle.Start is null ? 1 : 0;
                long? last = cycle.Repetitions is { } r ? first + r - 1 : null;
                // An occurrence at the very moment the timer is armed is owed (R3/${now}/PT1H fires now, in an hour and in two), but not
                // to a timer its own firing led back to in this step: a loop that comes back to « every morning at 08:00 » at 08:00
                // waits for the next morning rather than take the same occurrence again.
                var index = schedule.FirstAfter(first, now, zone, orAt: takeNow)
                    ?? throw new ArgumentOutOfRangeException(null, ReasonText.Format(Reasons.FirstOccurrenceUnrepresentable, value));
                // A bounded cycle owes every repetition: one it could not compute would be dropped in silence when its turn came.
                if (LastUnrepresentable(cycle, schedule, zone) is { } occurrence)
                    throw new ArgumentOutOfRangeException(null, ReasonText.Format(Reasons.OccurrenceUnrepresentable, value, occurrence));
                if (index > last) return null;
                return new TimerPlan(schedule.Occurrence(index, zone)!.Value, last is { } l ? (int)(l - index) : -1, schedule.Serialize(index));
        }
    }

    /// <summary>
    /// The occurrence after the one a cycle bookmark was due at, skipping every occurrence already past at
    /// <paramref name="now"/>: a timer that fires late fires once for all it missed. Null when the cycle owes nothing more.
    /// </summary>
    public static TimerPlan? Next(string cycleState, DateTimeOffset? lastDue, int remaining, DateTimeOffset now, DateTimeZone zone)
    {
        if (remaining == 0) return null;
        var (schedule, index) = CycleSchedule.Deserialize(cycleState, lastDue, now);
        long? last = remaining < 0 ? null : index + remaining;
        var next = schedule.FirstAfter(index + 1, now, zone);
        if (next is null || next > last) return null;
        return new TimerPlan(schedule.Occurrence(next.Value, zone)!.Value, last is { } l ? (int)(l - next.Value) : -1, schedule.Serialize(next.Value));
    }
}
