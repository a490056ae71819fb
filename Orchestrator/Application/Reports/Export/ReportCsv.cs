using CsvHelper;

namespace Orchestrator.Application.Reports.Export;

/// <summary>
/// A report as CSV with French conventions: « ; » separator, UTF-8 with a byte order mark (so spreadsheet software reads
/// the accents), comma decimals, suppressed counts as « &lt; 11 ». One line per figure (long format, which any tool can
/// pivot): report, scope, year, section, table, row, column, value; a structure report's texts follow as lines whose
/// table is « Texte ». A text a spreadsheet would run as a formula (starting with =, +, -, @) is escaped.
/// </summary>
public static class ReportCsv
{
    /// <summary>The CSV's first line: the columns of the long format.</summary>
    public static readonly string[] Header = ["Rapport", "Périmètre", "Année", "Section", "Tableau", "Ligne", "Colonne", "Valeur"];

    /// <summary>The report as CSV bytes (UTF-8 with a byte order mark).</summary>
    public static byte[] Write(Report report)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteRecord(Header);
            foreach (var section in report.Sections)
            {
                foreach (var table in section.Tables)
                    foreach (var row in table.Rows)
                        for (var c = 0; c < table.Columns.Count; c++)
                            Line(csv, report, section.Title, table.Title, row.Label, table.Columns[c], row.Cells[c].Value is null && !row.Cells[c].Suppressed ? "" : row.Cells[c].Display);
                foreach (var text in section.Texts.Where(t => t.Text.Length > 0))
                    Line(csv, report, section.Title, "Texte", text.Title, "", text.Text);
            }
        }
        return stream.ToArray();
    }

    private static void Line(CsvWriter csv, Report report, string section, string table, string row, string column, string value)
    {
        csv.WriteRecord([report.Title, report.Scope, report.Year.ToString(Formats.French), section, table, row, column, value]);
    }
}
