using Orchestrator.Workflows.Timing;

namespace Orchestrator.Application.Formatting;

/// <summary>ISO 8601 durations read in French, as the designer shows them: P2M → « 2 mois », P1Y2M → « 1 an et 2 mois », PT48H → « 48 heures ».</summary>
public static class FrenchDurations
{
    // The words are in Resources/Application/Formatting/FrenchDurations.resx, so another language could follow.
    private static readonly System.Resources.ResourceManager Words = new("Orchestrator.Resources.Application.Formatting.FrenchDurations", typeof(FrenchDurations).Assembly);

    private static string Word(string key) => Words.GetString(key, System.Globalization.CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The French words for <paramref name="iso"/>, or null when it is not an ISO 8601 duration (an expression, a date).</summary>
    public static string? TryWords(string? iso)
    {
        if (!IsoDuration.TryParse(iso, out var d)) return null;
        var parts = new List<string>();
        void Add(long n, string one, string many) { if (n != 0) parts.Add($"{n} {Word(Math.Abs(n) == 1 ? one : many)}"); }
        Add(d.Years, "Year", "Years");
        Add(d.Months, "Month", "Months");
        Add(d.Days, "Day", "Days");
        Add((long)d.Time.TotalHours, "Hour", "Hours");
        Add(d.Time.Minutes, "Minute", "Minutes");
        if (parts.Count == 0) return Word("Immediate");
        return parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + Word("And") + parts[^1];
    }
}
