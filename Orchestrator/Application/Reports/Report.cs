namespace Orchestrator.Application.Reports;

/// <summary>
/// A report as every output renders it (screen, JSON, CSV, XLSX, PDF): sections of tables and, for a structure, the
/// director's texts. Counts are people, stays or events; durations are in days; rates in percent.
/// </summary>
/// <param name="Kind">The report's slug (<see cref="ReportKinds.Slug"/>).</param>
/// <param name="Scope">What it covers: the structure's name and département, or « Région » for the regional version.</param>
/// <param name="Year">The calendar year (1 January to 31 December, Paris calendar).</param>
/// <param name="Title">The report's French title.</param>
/// <param name="GeneratedAt">When it was made (UTC).</param>
/// <param name="Sections">Its parts, in the outline's order.</param>
/// <param name="Suppressed">Whether counts from 1 to 10 are suppressed (the regional version).</param>
public sealed record Report(string Kind, string Title, string Scope, int Year, DateTimeOffset GeneratedAt, bool Suppressed,
    IReadOnlyList<ReportSection> Sections)
{
    /// <summary>Every table of every section, in order.</summary>
    public IEnumerable<(ReportSection Section, ReportTable Table)> Tables() => Sections.SelectMany(s => s.Tables.Select(t => (s, t)));
}

/// <summary>A part of the report (the outline's headings), with its tables and the director's texts.</summary>
public sealed record ReportSection(string Title, IReadOnlyList<ReportTable> Tables, IReadOnlyList<ReportText> Texts);

/// <summary>
/// A table: a row header, value columns and rows. <paramref name="Chart"/> says whether the screen draws it as a
/// picture, of the columns <paramref name="ChartColumns"/> (indexes into <paramref name="Columns"/>).
/// </summary>
public sealed record ReportTable(string Title, string RowHeader, IReadOnlyList<string> Columns, IReadOnlyList<ReportRow> Rows,
    string? Note = null, ReportChart Chart = ReportChart.None, IReadOnlyList<int>? ChartColumns = null);

/// <summary>A row: its label and one cell per column.</summary>
public sealed record ReportRow(string Label, IReadOnlyList<ReportCell> Cells);

/// <summary>
/// One figure: a value (null when there is none, e.g. an average of nothing), or suppressed (a count from 1 to 10, or a
/// cell hidden so that a suppressed one cannot be recomputed from the totals).
/// </summary>
public sealed record ReportCell(decimal? Value, bool Suppressed = false)
{
    /// <summary>No value: printed « — ».</summary>
    public static readonly ReportCell Empty = new((decimal?)null);
    /// <summary>A suppressed value: printed « &lt; 11 ».</summary>
    public static readonly ReportCell Hidden = new((decimal?)null, true);

    /// <summary>A count.</summary>
    public static ReportCell Of(int value) => new(value);

    /// <summary>A mean or rate, rounded to one decimal (half away from zero: 45.25 gives 45.3); none when <paramref name="value"/> is null.</summary>
    public static ReportCell Of(double? value) => value is { } v && double.IsFinite(v) ? new((decimal)Math.Round(v, 1, MidpointRounding.AwayFromZero)) : Empty;

    /// <summary>How every output writes it in French: « &lt; 11 », « — » or the number with a comma decimal.</summary>
    public string Display => Suppressed ? Security.SmallCounts.Hidden
        : Value is { } v ? v.ToString(v == decimal.Truncate(v) ? "0" : "0.0", Formats.French) : "—";
}

/// <summary>A qualitative text of the director, kept with the structure's report of the year.</summary>
public sealed record ReportText(string Section, string Title, string Text);

/// <summary>How the screen draws a table.</summary>
public enum ReportChart
{
    /// <summary>A table only.</summary>
    None,
    /// <summary>Bars, one group per row.</summary>
    Bar,
    /// <summary>A line over the rows (months, years).</summary>
    Line,
    /// <summary>A donut of the rows' shares.</summary>
    Donut,
}

/// <summary>The French culture every output formats numbers with (comma decimals).</summary>
public static class Formats
{
    /// <summary>fr-FR.</summary>
    public static readonly System.Globalization.CultureInfo French = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
}
