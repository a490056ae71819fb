namespace Orchestrator.Application.Reports;

/// <summary>The arithmetic every report shares: calendar years, sexes, durations in days, means and percentiles.</summary>
public static class Figures
{
    /// <summary>The columns of a figure broken down by sex, as the LHSS evaluation asks (« l'évaluation sexuée »).</summary>
    public static readonly string[] Sexes = ["Femmes", "Hommes", "Non renseigné"];

    /// <summary>
    /// 1 January of <paramref name="year"/> at midnight in Paris and 1 January of the next year (exclusive), as instants: the
    /// calendar year the screens show dates in (<see cref="Formatting.FrenchDates"/>), so a stay a screen says began on
    /// 1 January counts in that year, not in the one before (midnight in Paris is 23:00 UTC the day before).
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Year(int year) => (NewYear(year), NewYear(year + 1));

    private static DateTimeOffset NewYear(int year)
    {
        var midnight = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Formatting.FrenchDates.Paris.GetUtcOffset(midnight));
    }

    /// <summary>Column 0 for « F », 1 for « M », 2 for anything else (not recorded).</summary>
    public static int SexIndex(string? sex) => sex switch { "F" => 0, "M" => 1, _ => 2 };

    /// <summary>
    /// Days of presence in [<paramref name="from"/>, <paramref name="to"/>) of a stay from <paramref name="admitted"/> to
    /// <paramref name="exited"/> (still running: <paramref name="now"/>), counted as nights: the day of admission counts, the
    /// day of exit does not, by Paris calendar date. A stay admitted and ended the same day counts 0.
    /// </summary>
    public static int PlaceDays(DateTimeOffset admitted, DateTimeOffset? exited, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var start = Day(admitted > from ? admitted : from);
        var endAt = exited ?? now;
        if (endAt > to) endAt = to;
        var end = Day(endAt);
        return Math.Max(0, end.DayNumber - start.DayNumber);
    }

    /// <summary>Whole calendar days from <paramref name="from"/> to <paramref name="to"/> by Paris date.</summary>
    public static int Days(DateTimeOffset from, DateTimeOffset to) => Day(to).DayNumber - Day(from).DayNumber;

    /// <summary>The Paris calendar date of an instant, the day the screens show for it.</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Formatting.FrenchDates.Paris).DateTime);

    /// <summary>The mean, or null for no value.</summary>
    public static double? Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : list.Average();
    }

    /// <summary>
    /// The <paramref name="percent"/>th percentile by the nearest-rank method: the smallest value with at least that share
    /// of the values at or below it (the median is the 50th; for 4 values it is the 2nd smallest). Null for no value.
    /// </summary>
    public static double? Percentile(IEnumerable<double> values, int percent)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0) return null;
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>A row of counts by sex, their total, and the previous year's total when the report compares.</summary>
    public static ReportRow CountRow<T>(string label, IEnumerable<T> current, Func<T, string?> sex, IEnumerable<T>? previous)
    {
        var counts = new int[3];
        foreach (var item in current) counts[SexIndex(sex(item))]++;
        var cells = counts.Select(ReportCell.Of).Append(ReportCell.Of(counts.Sum())).ToList();
        if (previous is not null) cells.Add(ReportCell.Of(previous.Count()));
        return new ReportRow(label, cells);
    }

    /// <summary>A row of a measure (a mean, a ratio) by sex, over everyone, and over the previous year's items when the report compares.</summary>
    public static ReportRow MeasureRow<T>(string label, IEnumerable<T> current, Func<T, string?> sex, Func<IReadOnlyList<T>, double?> measure, IEnumerable<T>? previous)
    {
        var items = current.ToList();
        var cells = Enumerable.Range(0, 3).Select(i => ReportCell.Of(measure(items.Where(x => SexIndex(sex(x)) == i).ToList())))
            .Append(ReportCell.Of(measure(items))).ToList();
        if (previous is not null) cells.Add(ReportCell.Of(measure(previous.ToList())));
        return new ReportRow(label, cells);
    }

    /// <summary>The columns of a by-sex table: the three sexes, the total and, when comparing, the previous year's total.</summary>
    public static IReadOnlyList<string> SexColumns(int year, bool compare) =>
        compare ? [.. Sexes, $"Total {year}", $"Total {year - 1}"] : [.. Sexes, $"Total {year}"];
}
