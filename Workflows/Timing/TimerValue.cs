using System.Globalization;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Workflows.Timing;

/// <summary>Turns an evaluated timer value into its first due time and what a cycle still owes.</summary>
public static class TimerValue
{
    public static string? Check(TimerKind kind, string value) => kind switch
    {
        TimerKind.Duration => IsoDuration.TryParse(value, out _) ? null : $"'{value}' is not an ISO 8601 duration such as P15D, P2M or PT48H.",
        TimerKind.Date => TryParseDate(value, out _) ? null : $"'{value}' is not an ISO 8601 date-time such as 2026-03-01T09:00:00+01:00.",
        TimerKind.Cycle => RepeatingInterval.TryParse(value, out _, out var error) ? null : error,
        _ => "unknown timer kind",
    };

    public static bool TryParseDate(string value, out DateTimeOffset date)
    {
        var ok = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
        date = date.ToUniversalTime();
        return ok;
    }

    /// <summary>The first due time; for a cycle also the repetitions left after it (-1 = unbounded).</summary>
    public static (DateTimeOffset Due, int? CycleRemaining, string? CycleInterval) First(
        TimerKind kind, string value, DateTimeOffset now, TimeZoneInfo zone)
    {
        switch (kind)
        {
            case TimerKind.Duration:
                return (IsoDuration.Parse(value).AddTo(now, zone), null, null);
            case TimerKind.Date:
                if (!TryParseDate(value, out var date)) throw new FormatException(Check(kind, value));
                return (date, null, null);
            default:
                if (!RepeatingInterval.TryParse(value, out var cycle, out var error)) throw new FormatException(error);
                DateTimeOffset due;
                if (cycle!.Start is not { } start) due = cycle.Interval.AddTo(now, zone);
                else if (start > now) due = start;
                else
                {
                    // A cycle anchored in the past continues on its own grid rather than restarting from now.
                    due = start;
                    while (due <= now) due = cycle.Interval.AddTo(due, zone);
                }
                var remaining = cycle.Repetitions is { } r ? r - 1 : -1;
                return (due, remaining, cycle.Interval.ToString());
        }
    }

    /// <summary>
    /// The occurrence of a cycle after the one due at <paramref name="lastDue"/>, and the repetitions still owed
    /// after it; missed occurrences fire once, not in a burst.
    /// </summary>
    public static (DateTimeOffset Due, int Remaining) NextOccurrence(string interval, DateTimeOffset? lastDue, int remaining,
        DateTimeOffset now, TimeZoneInfo zone)
    {
        var step = IsoDuration.Parse(interval);
        var next = step.AddTo(lastDue ?? now, zone);
        while (next <= now) next = step.AddTo(next, zone);
        return (next, remaining < 0 ? -1 : remaining - 1);
    }
}
