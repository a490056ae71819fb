using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Orchestrator.Application.Reports.Export;

/// <summary>
/// A printable PDF of a report (PDFsharp 6, MIT licence): A4, portrait for a structure's report and landscape for the
/// regional one; its title, scope and year, each section's tables (header repeated on a new page, suppressed counts as
/// « &lt; 11 ») and the director's texts, pages numbered. Fonts: <see cref="ReportFonts"/>.
/// </summary>
public static class ReportPdf
{
    private const double Margin = 40, LabelShare = 0.34, Line = 1.25;

    /// <summary>The report as PDF bytes (A4, fonts embedded).</summary>
    public static byte[] Write(Report report)
    {
        ReportFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"{report.Title} {report.Year} — {report.Scope}";
        document.Info.Creator = "Orchestrator";
        var writer = new PageWriter(document, report.Suppressed ? PageOrientation.Landscape : PageOrientation.Portrait);
        writer.Text(report.Title, 16, bold: true);
        writer.Text($"{report.Scope} — année {report.Year}", 11);
        writer.Text($"Produit le {Formatting.FrenchDates.DateTime(report.GeneratedAt)} (heure de Paris)"
            + (report.Suppressed ? " — données agrégées non nominatives, effectifs de 1 à 10 masqués (« < 11 »)." : "."), 8);
        foreach (var section in report.Sections)
        {
            writer.Space(10);
            writer.Text(section.Title, 13, bold: true, keepWithNext: 60);
            foreach (var table in section.Tables) writer.Table(table);
            foreach (var text in section.Texts)
            {
                writer.Space(6);
                writer.Text(text.Title, 9.5, bold: true, keepWithNext: 30);
                writer.Text(text.Text.Length > 0 ? text.Text : "(non renseigné)", 9);
            }
        }
        writer.Close();
        for (var i = 0; i < document.PageCount; i++)
        {
            using var gfx = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var font = new XFont(ReportFonts.Family, 7);
            gfx.DrawString($"{report.Title} {report.Year} — page {i + 1} / {document.PageCount}", font, XBrushes.Gray,
                new XRect(Margin, document.Pages[i].Height.Point - Margin + 12, document.Pages[i].Width.Point - 2 * Margin, 10), XStringFormats.TopRight);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Writes top to bottom, opening a new page when the next line would not fit.</summary>
    private sealed class PageWriter(PdfDocument document, PageOrientation orientation)
    {
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        private double Width => _page!.Width.Point - 2 * Margin;
        private double Bottom => _page!.Height.Point - Margin;

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _page.Orientation = orientation;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private void Ensure(double height)
        {
            if (_page is null || _y + height > Bottom) NewPage();
        }

        public void Space(double height)
        {
            Ensure(0);
            _y += height;
        }

        public void Text(string text, double size, bool bold = false, double keepWithNext = 0)
        {
            var font = new XFont(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            Ensure(size * Line + keepWithNext);
            foreach (var line in Wrap(text, font, Width))
            {
                Ensure(size * Line);
                _gfx!.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, size * Line), XStringFormats.TopLeft);
                _y += size * Line;
            }
        }

        public void Table(ReportTable table)
        {
            var size = table.Columns.Count > 7 ? 6.5 : 8;
            var font = new XFont(ReportFonts.Family, size);
            var bold = new XFont(ReportFonts.Family, size, XFontStyleEx.Bold);
            Space(4);
            Text(table.Title, 10, bold: true, keepWithNext: 40);
            Ensure(0);
            var label = Width * LabelShare;
            var cell = (Width - label) / Math.Max(1, table.Columns.Count);
            var header = new[] { table.RowHeader }.Concat(table.Columns).Select((h, i) => Wrap(h, bold, (i == 0 ? label : cell) - 4)).ToList();
            var headerHeight = header.Max(h => h.Count) * size * Line + 4;
            void Header()
            {
                _gfx!.DrawRectangle(XBrushes.Gainsboro, Margin, _y, Width, headerHeight);
                for (var i = 0; i < header.Count; i++)
                    for (var l = 0; l < header[i].Count; l++)
                        _gfx.DrawString(header[i][l], bold, XBrushes.Black,
                            new XRect(i == 0 ? Margin + 2 : Margin + label + (i - 1) * cell, _y + 2 + l * size * Line, (i == 0 ? label : cell) - 4, size * Line),
                            i == 0 ? XStringFormats.TopLeft : XStringFormats.TopRight);
                _y += headerHeight;
            }
            Ensure(headerHeight + size * Line * 2);
            Header();
            foreach (var row in table.Rows)
            {
                var lines = Wrap(row.Label, font, label - 4);
                var height = lines.Count * size * Line + 2;
                if (_y + height > Bottom)
                {
                    NewPage();
                    Header();
                }
                for (var l = 0; l < lines.Count; l++)
                    _gfx!.DrawString(lines[l], font, XBrushes.Black, new XRect(Margin + 2, _y + 1 + l * size * Line, label - 4, size * Line), XStringFormats.TopLeft);
                for (var c = 0; c < row.Cells.Count; c++)
                    _gfx!.DrawString(row.Cells[c].Display, font, XBrushes.Black, new XRect(Margin + label + c * cell, _y + 1, cell - 4, size * Line), XStringFormats.TopRight);
                _y += height;
                _gfx!.DrawLine(XPens.LightGray, Margin, _y, Margin + Width, _y);
            }
            if (table.Note is { } note)
            {
                Space(2);
                Text(note, 7);
            }
        }

        public void Close() => _gfx?.Dispose();

        /// <summary>The lines of <paramref name="text"/> that fit <paramref name="width"/> points, breaking at spaces (and inside a word longer than a line).</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var measure = _gfx ?? XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r", "").Split('\n'))
            {
                var current = "";
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = current.Length == 0 ? word : current + " " + word;
                    if (measure.MeasureString(candidate, font).Width <= width) { current = candidate; continue; }
                    if (current.Length > 0) lines.Add(current);
                    current = word;
                    while (current.Length > 1 && measure.MeasureString(current, font).Width > width)
                    {
                        var fit = current.Length - 1;
                        while (fit > 1 && measure.MeasureString(current[..fit], font).Width > width) fit--;
                        lines.Add(current[..fit]);
                        current = current[fit..];
                    }
                }
                lines.Add(current);
            }
            return lines;
        }
    }
}
