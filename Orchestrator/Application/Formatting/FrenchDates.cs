using System.Globalization;

namespace Orchestrator.Application.Formatting;

/// <summary>
/// Dates as people read them here: Paris wall-clock time, French formats (« 05/03/2026 », « 05/03/2026 09:00 »).
/// Screens, prints and answers in words all use it, so a date never reads differently from one place to another.
/// </summary>
public static class FrenchDates
{
    /// <summary>fr-FR, the culture every date is written in.</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Europe/Paris, or UTC where the system has no time zone database.</summary>
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Paris", out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The Paris calendar day of <paramref name="at"/>, « dd/MM/yyyy ».</summary>
    public static string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Paris).ToString("dd/MM/yyyy", Culture);

    /// <summary>The Paris wall-clock time of <paramref name="at"/>, « dd/MM/yyyy HH:mm ».</summary>
    public static string DateTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Paris).ToString("dd/MM/yyyy HH:mm", Culture);

    /// <summary>The Paris calendar day of <paramref name="at"/> as a day number, for counting days between dates.</summary>
    public static int DayNumber(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Paris).Date).DayNumber;
}
