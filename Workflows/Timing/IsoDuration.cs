using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.TimeZones;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Timing;

/// <summary>
/// An ISO 8601 duration kept in its calendar parts. <c>P2M</c> stays "two months" so that adding it
/// to 31 December lands on the last day of February, not 60 days later: care deadlines are legal
/// calendar deadlines. Years, months, weeks and days are wall-clock calendar units in a time zone;
/// hours, minutes and seconds are elapsed time.
/// </summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    /// <summary>Larger parts than these cannot land on a date a calendar (or a database) can hold.</summary>
    private const long MaxYears = 10_000, MaxMonths = MaxYears * 12, MaxDays = MaxYears * 366;

    /// <summary>Beyond every limit above, and small enough to be multiplied by the seconds of an hour.</summary>
    private const decimal TooLong = 1e15m;

    // ISO 8601 allows a decimal fraction in the smallest part written: PT1.5H, PT0,5S. Here only in hours, minutes and seconds,
    // which are elapsed time; half a calendar day has no length of its own across a clock change.
    // [0-9], not \d: .NET's \d also matches other scripts' digits (« P٣D »), which are no ISO 8601 duration.
    [GeneratedRegex(@"^P(?!$)(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?(?:T(?=[0-9])(?:([0-9]+(?:[.,][0-9]+)?)H)?(?:([0-9]+(?:[.,][0-9]+)?)M)?(?:([0-9]+(?:[.,][0-9]+)?)S)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^P[^T]*[0-9][.,][0-9]+[YMWD]", RegexOptions.CultureInvariant)]
    private static partial Regex FractionOfCalendarUnit();

    /// <summary>True when every component is zero (P0D, PT0S).</summary>
    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    /// <summary>True when only hours, minutes and seconds are set: a fixed length, whatever the calendar.</summary>
    public bool IsFixedLength => Years == 0 && Months == 0 && Days == 0;

    /// <summary>
    /// A rough length (a month as 30.44 days), for floors and estimates, never for due dates; <see cref="TimeSpan.MaxValue"/>
    /// when the parts together are longer than a <see cref="TimeSpan"/> holds (each part may be within its limit and their sum not).
    /// </summary>
    public TimeSpan ApproximateLength
    {
        get
        {
            var calendarDays = Years * 365.2425 + Months * 30.436875 + Days;
            return calendarDays + Time.TotalDays >= TimeSpan.MaxValue.TotalDays ? TimeSpan.MaxValue : TimeSpan.FromDays(calendarDays) + Time;
        }
    }

    /// <summary>Reads an ISO 8601 duration (<c>P1Y2M10DT2H30M</c>, <c>P2W</c>); false for anything else, a negative one, or parts too large.</summary>
    public static bool TryParse(string? text, out IsoDuration duration) => Read(text, out duration) is null;

    /// <summary>Parses <paramref name="text"/>; returns null when it is a duration that fits, else the reason.</summary>
    public static string? Read(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return Reasons.DurationEmpty;
        var upper = text.Trim().ToUpperInvariant();
        if (FractionOfCalendarUnit().IsMatch(upper)) return ReasonText.Format(Reasons.DurationCalendarFraction, text);
        var match = Pattern().Match(upper);
        // Only the smallest part written may carry a fraction (ISO 8601 §4.4.3.2): PT1.5H30M is not a duration.
        bool Fraction(int group) => match.Groups[group].Success && match.Groups[group].Value.IndexOfAny(['.', ',']) >= 0;
        if (!match.Success || (Fraction(5) && (match.Groups[6].Success || match.Groups[7].Success)) || (Fraction(6) && match.Groups[7].Success))
            return ReasonText.Format(Reasons.NotIsoDuration, text);
        // A part too long for any calendar is capped, not read as decimal.MaxValue: weeks and hours are multiplied below,
        // and thirty digits of hours must be refused as too long, not overflow.
        decimal Part(int group) => match.Groups[group].Success
            ? decimal.TryParse(match.Groups[group].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? Math.Min(v, TooLong) : TooLong
            : 0m;
        var years = Part(1);
        var months = Part(2);
        var days = Part(3) * 7 + Part(4);
        var seconds = Part(5) * 3600 + Part(6) * 60 + Part(7);
        if (years > MaxYears || months > MaxMonths || days > MaxDays || seconds > (decimal)TimeSpan.FromDays(MaxDays).TotalSeconds)
            return ReasonText.Format(Reasons.DurationBeyondCalendar, text, MaxYears);
        duration = new IsoDuration((int)years, (int)months, (int)days, TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond)));
        return null;
    }

    /// <summary>
    /// True when, from every start date, this duration ends no later than <paramref name="other"/> in <paramref name="zone"/>:
    /// compared from noon and from 02:30 (the hour clock changes skip or repeat) of every day of a four-year leap cycle, so
    /// calendar parts are compared as the calendar counts them (<c>P2M</c> ≤ <c>P2M</c>, <c>P8W</c> ≤ <c>P2M</c>, but not
    /// <c>P60D</c> ≤ <c>P2M</c>: after 31 January two months end on 31 March) and a calendar day as the zone's clock counts it
    /// (<c>PT24H</c> is longer than <c>P1D</c> across the spring change, when that day lasts 23 hours, and <c>P1D</c> longer than
    /// <c>PT24H</c> across the autumn one).
    /// </summary>
    public bool NeverLongerThan(IsoDuration other, DateTimeZone zone)
    {
        var first = new LocalDate(2024, 1, 1);
        foreach (var time in (ReadOnlySpan<LocalTime>)[new LocalTime(12, 0), new LocalTime(2, 30)])
            for (var day = 0; day < 1461; day++)
            {
                var start = first.PlusDays(day).At(time).InZone(zone, Resolvers.LenientResolver).ToDateTimeOffset();
                if (!TryAddTo(start, zone, out var end)) return false;
                if (!other.TryAddTo(start, zone, out var bound)) continue;
                if (end > bound) return false;
            }
        return true;
    }

    /// <summary>Reads an ISO 8601 duration (see <see cref="TryParse"/>).</summary>
    /// <exception cref="FormatException">It is not one; the message says why.</exception>
    public static IsoDuration Parse(string text) => Read(text, out var d) is { } reason ? throw new FormatException(reason) : d;

    /// <summary>This duration taken <paramref name="times"/> times (a cycle's n-th occurrence), or null when it would not fit.</summary>
    public IsoDuration? Times(long times)
    {
        try
        {
            checked
            {
                return new IsoDuration((int)(Years * times), (int)(Months * times), (int)(Days * times), TimeSpan.FromTicks(Time.Ticks * times));
            }
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Adds the duration to <paramref name="start"/> in the wall-clock time of <paramref name="zone"/>: a month after
    /// 10:00 in March is 10:00 in April whatever the clock change, and the 31st plus a month is the last day of the
    /// next month. A wall-clock time that does not exist (spring change) moves forward by the gap; one that
    /// happens twice (autumn) is the earlier. Then hours, minutes and seconds are added as elapsed time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The result is not a representable date (beyond year 9999).</exception>
    public DateTimeOffset AddTo(DateTimeOffset start, DateTimeZone zone) =>
        TryAddTo(start, zone, out var result) ? result : throw new ArgumentOutOfRangeException(nameof(start),
            $"{this} after {start:O} is beyond the dates a calendar can hold.");

    /// <summary>As <see cref="AddTo"/>; false, rather than an exception, when the result is beyond the dates a calendar holds.</summary>
    public bool TryAddTo(DateTimeOffset start, DateTimeZone zone, out DateTimeOffset result)
    {
        result = default;
        try
        {
            if (IsFixedLength)
            {
                // Elapsed time only: never through the wall clock, where an instant of the autumn's repeated hour would be read
                // back as its first pass, an hour early.
                var elapsed = Instant.FromDateTimeOffset(start).Plus(Duration.FromTimeSpan(Time));
                if (elapsed < MinDate || elapsed > MaxDate) return false;
                result = elapsed.ToDateTimeOffset();
                return true;
            }
            return TryAddTo(Instant.FromDateTimeOffset(start).InZone(zone).LocalDateTime, zone, out result);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// Adds the duration to the wall-clock time <paramref name="start"/> of <paramref name="zone"/>: its calendar parts on the
    /// wall clock, the result resolved as <see cref="AddTo"/> says, then hours, minutes and seconds as elapsed time.
    /// </summary>
    public bool TryAddTo(LocalDateTime start, DateTimeZone zone, out DateTimeOffset result)
    {
        result = default;
        try
        {
            var shifted = start.PlusYears(Years).PlusMonths(Months).PlusDays(Days);
            var instant = shifted.InZone(zone, Resolvers.LenientResolver).ToInstant().Plus(Duration.FromTimeSpan(Time));
            if (instant < MinDate || instant > MaxDate) return false;
            result = instant.ToDateTimeOffset();
            return true;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    private static readonly Instant MinDate = Instant.FromUtc(1, 1, 2, 0, 0);
    private static readonly Instant MaxDate = Instant.FromUtc(9999, 12, 30, 0, 0);

    /// <summary>The duration in ISO 8601 (<c>P1M15D</c>, <c>PT0S</c> for none).</summary>
    public override string ToString()
    {
        var text = "P";
        if (Years != 0) text += $"{Years}Y";
        if (Months != 0) text += $"{Months}M";
        if (Days != 0) text += $"{Days}D";
        if (Time != TimeSpan.Zero)
        {
            text += "T";
            var hours = (long)Time.TotalHours;
            if (hours != 0) text += $"{hours}H";
            if (Time.Minutes != 0) text += $"{Time.Minutes}M";
            // Every tick written back: a bookmark stores the interval as text, and « PT0.0001S » written « PT » would not read again.
            var ticks = Time.Ticks % TimeSpan.TicksPerMinute;
            if (ticks != 0) text += $"{(ticks / (decimal)TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture)}S";
        }
        return text == "P" ? "PT0S" : text;
    }
}
