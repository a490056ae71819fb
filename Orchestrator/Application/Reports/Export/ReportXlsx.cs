using MiniExcelLibs;

namespace Orchestrator.Application.Reports.Export;

/// <summary>
/// A report as an XLSX workbook (MiniExcel): one sheet per section, its tables one under the other (title, header,
/// rows, note), figures as numbers, suppressed counts as the text « &lt; 11 », then the director's texts.
/// </summary>
public static class ReportXlsx
{
    /// <summary>The longest sheet name Excel accepts.</summary>
    private const int SheetNameLength = 31;

    /// <summary>The report as XLSX bytes.</summary>
    public static byte[] Write(Report report)
    {
        var sheets = new Dictionary<string, object>();
        var number = 0;
        foreach (var section in report.Sections)
        {
            number++;
            var width = Math.Max(2, section.Tables.Select(t => t.Columns.Count + 1).DefaultIfEmpty(2).Max());
            var rows = new List<Dictionary<string, object?>>();
            void Add(params object?[] cells) => rows.Add(Enumerable.Range(0, width).ToDictionary(Column, i => i < cells.Length ? cells[i] : null));
            Add($"{report.Title} — {report.Scope} — {report.Year}");
            Add(section.Title);
            foreach (var table in section.Tables)
            {
                Add();
                Add(table.Title);
                Add([table.RowHeader, .. table.Columns]);
                foreach (var row in table.Rows)
                    Add([row.Label, .. row.Cells.Select(c => c.Suppressed ? (object)Security.SmallCounts.Hidden : c.Value)]);
                if (table.Note is { } note) Add(note);
            }
            foreach (var text in section.Texts)
            {
                Add();
                Add(text.Title);
                Add(text.Text);
            }
            sheets[SheetName(number, section.Title)] = rows;
        }
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>Spreadsheet column names: A, B, … Z, AA…</summary>
    public static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);

    /// <summary>A unique sheet name (numbered) without the characters Excel refuses, at most 31 characters.</summary>
    private static string SheetName(int number, string title)
    {
        var clean = new string(title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim();
        var name = $"{number}. {clean}";
        return name.Length <= SheetNameLength ? name : name[..SheetNameLength].TrimEnd();
    }
}
