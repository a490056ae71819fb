using Orchestrator.Workflows.Timing;

namespace Orchestrator.Application.Formatting;

/// <summary>ISO 8601 durations read in French, as the designer shows them: P2M → « 2 mois », P1Y2M → « 1 an et 2 mois », PT48H → « 48 heures ».</summary>
public static class FrenchDurations
{
    /// <summary>The French words for <paramref name="iso"/>, or null when it is not an ISO 8601 duration (an expression, a date).</summary>
    public static string? TryWords(string? iso)
    {
        if (!IsoDuration.TryParse(iso, out var d)) return null;
        var parts = new List<string>();
        void Add(long n, string one, string many) { if (n != 0) parts.Add($"{n} {(Math.Abs(n) == 1 ? one : many)}"); }
        Add(d.Years, "an", "ans");
        Add(d.Months, "mois", "mois");
        Add(d.Days, "jour", "jours");
        Add((long)d.Time.TotalHours, "heure", "heures");
        Add(d.Time.Minutes, "minute", "minutes");
        if (parts.Count == 0) return "immédiat";
        return parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " et " + parts[^1];
    }
}
