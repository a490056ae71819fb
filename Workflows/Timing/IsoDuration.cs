using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Workflows.Timing;

/// <summary>
/// An ISO 8601 duration kept in its calendar parts. <c>P2M</c> stays "two months" so that adding it
/// to 31 December lands on the last day of February, not 60 days later: care deadlines are legal
/// calendar deadlines.
/// </summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    [GeneratedRegex(@"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = Pattern().Match(text.Trim().ToUpperInvariant());
        if (!match.Success) return false;
        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = match.Groups[7].Success
            ? double.Parse(match.Groups[7].Value.Replace(',', '.'), CultureInfo.InvariantCulture)
            : 0d;
        duration = new IsoDuration(Part(1), Part(2), Part(3) * 7 + Part(4),
            new TimeSpan(Part(5), Part(6), 0) + TimeSpan.FromSeconds(seconds));
        return true;
    }

    public static IsoDuration Parse(string text) => TryParse(text, out var d)
        ? d
        : throw new FormatException($"'{text}' is not an ISO 8601 duration such as P15D, P2M or PT48H.");

    /// <summary>Adds the duration in the wall-clock time of <paramref name="zone"/>, so that a month
    /// after 10:00 in March is 10:00 in April even across a daylight-saving change.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(start, zone);
        var calendar = local.DateTime.AddYears(Years).AddMonths(Months).AddDays(Days);
        var offset = zone.IsInvalidTime(calendar) ? zone.GetUtcOffset(calendar.AddHours(1)) : zone.GetUtcOffset(calendar);
        var shifted = new DateTimeOffset(DateTime.SpecifyKind(calendar, DateTimeKind.Unspecified), offset);
        // Hours, minutes and seconds are elapsed time, not wall-clock time.
        return shifted.Add(Time).ToUniversalTime();
    }

    public override string ToString()
    {
        var text = "P";
        if (Years != 0) text += $"{Years}Y";
        if (Months != 0) text += $"{Months}M";
        if (Days != 0) text += $"{Days}D";
        if (Time != TimeSpan.Zero)
        {
            text += "T";
            if (Time.Hours + Time.Days * 24 != 0) text += $"{Time.Hours + Time.Days * 24}H";
            if (Time.Minutes != 0) text += $"{Time.Minutes}M";
            if (Time.Seconds != 0 || Time.Milliseconds != 0) text += $"{Time.TotalSeconds % 60:0.###}S";
        }
        return text == "P" ? "PT0S" : text;
    }
}
