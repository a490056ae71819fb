using System.Globalization;
using NodaTime;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Timing;

/// <summary>
/// An ISO 8601 repeating interval as BPMN <c>timeCycle</c> uses it: <c>R3/PT1H</c>, <c>R/P7D</c>,
/// <c>R2/2026-01-01T09:00:00Z/P1D</c>. <see cref="Repetitions"/> is null for an unbounded cycle. With a start, the
/// occurrences are the start and every interval after it; without, every interval after the timer is armed.
/// <see cref="WallClockStart"/> is the start as written when it has no offset (wall-clock time in the zone).
/// </summary>
public sealed record RepeatingInterval(int? Repetitions, DateTimeOffset? Start, IsoDuration Interval, LocalDateTime? WallClockStart = null)
{
    /// <summary>
    /// Reads a <c>timeCycle</c> (<c>R3/PT1H</c>, <c>R/P7D</c>, <c>R2/2026-01-01T09:00:00Z/P1D</c>); a start without an offset is the
    /// wall-clock time of <paramref name="zone"/>. False with <paramref name="error"/> saying why for anything else.
    /// </summary>
    public static bool TryParse(string? text, DateTimeZone zone, out RepeatingInterval? cycle, out string? error)
    {
        cycle = null;
        error = null;
        var parts = (text ?? "").Trim().Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
        {
            error = ReasonText.Format(Reasons.NotRepeatingInterval, text);
            return false;
        }
        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var r) || r < 1)
            {
                error = ReasonText.Format(Reasons.RepetitionsBad, parts[0], int.MaxValue);
                return false;
            }
            repetitions = r;
        }
        DateTimeOffset? start = null;
        LocalDateTime? wallClock = null;
        // ISO 8601's other repeating forms (R3/start/end, R3/PT1H/end) end on a date: said so, rather than « not a duration ».
        if (parts.Length == 3 && ZonedDates.TryParse(parts[2], zone, out _))
        {
            error = ReasonText.Format(Reasons.CycleEndNotSupported, text);
            return false;
        }
        if (parts.Length == 3)
        {
            if (!ZonedDates.TryParse(parts[1], zone, out var s, out wallClock))
            {
                error = ReasonText.Format(Reasons.NotIsoDateTime, parts[1]);
                return false;
            }
            start = s;
        }
        if (IsoDuration.Read(parts[^1], out var interval) is { } reason)
        {
            error = reason;
            return false;
        }
        if (interval.IsZero || interval.Years < 0 || interval.Months < 0 || interval.Days < 0 || interval.Time < TimeSpan.Zero)
        {
            error = ReasonText.Format(Reasons.NotPositiveDuration, parts[^1]);
            return false;
        }
        cycle = new RepeatingInterval(repetitions, start, interval, wallClock);
        return true;
    }
}
