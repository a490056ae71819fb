using System.Text;
using CsvHelper;
using MiniExcelLibs;
using Orchestrator.Application.Reports;
using Orchestrator.Application.Reports.Export;
using UglyToad.PdfPig;

namespace Orchestrator.Tests.Reports;

/// <summary>Each output opened and read back: the CSV with French conventions, the XLSX workbook and the PDF's text.</summary>
public sealed class ReportExportTests
{
    internal static readonly Report Sample = new("evaluation-lhss", "Évaluation annuelle LHSS", "LHSS Les Tilleuls — Lille (59)", 2026,
        new DateTimeOffset(2027, 1, 15, 9, 30, 0, TimeSpan.Zero), false,
        [
            new ReportSection("II. Aspect quantitatif",
            [
                new ReportTable("Personnes accueillies et séjours", "Indicateur", ["Femmes", "Hommes", "Total 2026"],
                [
                    new ReportRow("Personnes reçues au cours de l'année", [ReportCell.Of(12), ReportCell.Hidden, ReportCell.Of(40)]),
                    new ReportRow("Durée moyenne des séjours terminés (jours)", [ReportCell.Of(45.25), ReportCell.Of(60.0), ReportCell.Empty]),
                ], "Une note ; avec un point-virgule."),
            ], [new ReportText("services", "Services offerts", "Consultations de médecine générale, hébergement, repas.\nKinésithérapie le mardi.")]),
            new ReportSection("IV. Conclusions et perspectives", [], [new ReportText("conclusions", "Conclusions et perspectives", "=Renforcer les partenariats")]),
        ]);

    [Fact]
    public void The_csv_has_a_byte_order_mark_semicolons_comma_decimals_and_less_than_11_and_reads_back_line_by_line()
    {
        var bytes = ReportCsv.Write(Sample);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Rapport;Périmètre;Année;Section;Tableau;Ligne;Colonne;Valeur", text);
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { Separator = ';' });
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        Assert.Equal(ReportCsv.Header, reader.Headers);
        Assert.Contains(rows, r => r[5] == "Personnes reçues au cours de l'année" && r[6] == "Femmes" && r[7] == "12");
        Assert.Contains(rows, r => r[5] == "Personnes reçues au cours de l'année" && r[6] == "Hommes" && r[7] == "< 11");
        Assert.Contains(rows, r => r[5] == "Durée moyenne des séjours terminés (jours)" && r[6] == "Femmes" && r[7] == "45,3");
        Assert.Contains(rows, r => r[5] == "Durée moyenne des séjours terminés (jours)" && r[6] == "Total 2026" && r[7] == "");
        Assert.Contains(rows, r => r[4] == "Texte" && r[7] == "Consultations de médecine générale, hébergement, repas.\nKinésithérapie le mardi.");
        // A text a spreadsheet would run as a formula is escaped.
        Assert.DoesNotContain(rows, r => r[7].StartsWith('='));
        Assert.All(rows, r => Assert.Equal("2026", r[2]));
    }

    [Fact]
    public void The_xlsx_has_a_sheet_per_section_with_numbers_as_numbers_and_suppressed_counts_as_text()
    {
        var bytes = ReportXlsx.Write(Sample);

        using var stream = new MemoryStream(bytes);
        // Excel takes at most 31 characters for a sheet name.
        Assert.Equal(["1. II. Aspect quantitatif", "2. IV. Conclusions et perspecti"], stream.GetSheetNames());
        var rows = stream.Query(useHeaderRow: false, sheetName: "1. II. Aspect quantitatif").Cast<IDictionary<string, object?>>().ToList();
        var people = rows.Single(r => (r["A"] as string) == "Personnes reçues au cours de l'année");
        Assert.Equal(12d, Convert.ToDouble(people["B"]));
        Assert.Equal("< 11", people["C"]);
        Assert.Equal(40d, Convert.ToDouble(people["D"]));
        Assert.Equal(45.3d, Convert.ToDouble(rows.Single(r => (r["A"] as string)?.StartsWith("Durée") == true)["B"]), 3);
        Assert.Contains(rows, r => (r["A"] as string) == "Évaluation annuelle LHSS — LHSS Les Tilleuls — Lille (59) — 2026");
        Assert.Contains(rows, r => (r["A"] as string)?.StartsWith("Consultations de médecine générale") == true);
    }

    [Fact]
    public void The_pdf_renders_french_accents_the_tables_the_suppressed_counts_and_the_director_s_texts()
    {
        var bytes = ReportPdf.Write(Sample);

        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes[..4]));
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Évaluation annuelle LHSS", text);
        Assert.Contains("Personnes reçues au cours de l'année", text);
        Assert.Contains("Durée moyenne des séjours terminés", text); // the label wraps: « (jours) » is on its next line
        Assert.Contains("(jours)", text);
        Assert.Contains("< 11", text);
        Assert.Contains("45,3", text);
        Assert.Contains("Kinésithérapie le mardi.", text);
        Assert.Contains("page 1 / 1", text);
    }

    [Fact]
    public void Every_word_of_a_long_wide_pdf_stays_inside_its_page_margins()
    {
        var rows = Enumerable.Range(1, 120).Select(i => new ReportRow($"Ligne {i} au libellé assez long pour devoir passer à la ligne dans sa colonne",
            Enumerable.Range(0, 12).Select(c => ReportCell.Of(i * 1000 + c)).ToList())).ToList();
        var wide = Sample with
        {
            Suppressed = true,
            Sections = [new ReportSection("Tableau large", [new ReportTable("Douze colonnes", "Département — dispositif",
                Enumerable.Range(1, 12).Select(c => $"Colonne numéro {c}").ToList(), rows)], [])],
        };

        using var pdf = PdfDocument.Open(ReportPdf.Write(wide));

        Assert.True(pdf.NumberOfPages > 2);
        foreach (var page in pdf.GetPages())
        {
            Assert.True(page.Width > page.Height); // the regional version is printed landscape
            Assert.All(page.GetWords(), w => Assert.True(w.BoundingBox.Left >= 30 && w.BoundingBox.Right <= page.Width - 30
                && w.BoundingBox.Bottom >= 20 && w.BoundingBox.Top <= page.Height - 30, $"« {w.Text} » at {w.BoundingBox} on page {page.Number}"));
        }
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("120011", text);
        Assert.Equal(pdf.NumberOfPages, pdf.GetPages().Count(p => p.GetWords().Any(w => w.Text == "Colonne"))); // the header is repeated on every page
    }
}
