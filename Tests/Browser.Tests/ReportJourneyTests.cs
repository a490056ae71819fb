using System.Text;
using Microsoft.Playwright;
using Orchestrator.Browser.Tests.Support;
using UglyToad.PdfPig;

namespace Orchestrator.Browser.Tests;

/// <summary>
/// The reports in Chromium: a recourse recorded in one click, the director producing and downloading the annual
/// evaluation as a PDF, the regional viewer downloading the regional CSV. Screens and the PDF's first page go to test-output/.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class ReportJourneyTests(BrowserApp app)
{
    /// <summary>An admission to the report journeys' own LHSS, so their people stay off the other journeys' boards.</summary>
    private async Task<Application.Episodes.AdmissionRequested> AdmitAsync(string pseudonym)
    {
        var admission = await app.SendAsync(new Application.Episodes.RequestAdmissionCommand(app.Peupliers.Id, null,
            new Application.Episodes.NewPerson(pseudonym, 1968, "F", "Lefort", "Annie", null), "PASS du CHU")
            { Referral = new(Domain.Pathways.ReferrerType.Doctor) });
        await app.CompleteAsync(admission.EpisodeId, "medicalOpinion", new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await app.CompleteAsync(admission.EpisodeId, "directorDecision", new() { ["decision"] = "admit" });
        return admission;
    }

    [Fact]
    public async Task A_director_produces_the_annual_evaluation_writes_its_presentation_and_downloads_it_as_a_pdf()
    {
        var admitted = await AdmitAsync("R. A. 0101");
        var coordinator = await app.SignInAsync("coordinateur.peupliers");
        await coordinator.GotoAsync($"/personnes/{admitted.PersonId}");
        await coordinator.GetByTestId("recourse-EmergencyCall").ClickAsync();
        await Assertions.Expect(coordinator.GetByTestId("recourse-EmergencyCall")).ToContainTextAsync("(1)");

        var page = await app.SignInAsync("directrice.peupliers");
        await page.GotoAsync("/rapports");
        await Assertions.Expect(page.GetByTestId("report-kind")).ToContainTextAsync("Évaluation annuelle LHSS");
        await page.GetByTestId("generate").ClickAsync();
        var report = page.GetByTestId("report");
        await Assertions.Expect(report).ToContainTextAsync("Évaluation annuelle LHSS");
        var recourses = page.GetByTestId("report-table").Filter(new() { HasText = "Appel au 15 / pompiers" });
        await Assertions.Expect(recourses.Locator("tr", new() { HasText = "Appel au 15 / pompiers" })).ToContainTextAsync("1");
        await page.GetByTestId("text-presentation").FillAsync("Dix lits ouverts toute l'année à Roubaix ; équipe pluridisciplinaire.");
        await page.GetByTestId("text-presentation").PressAsync("Tab");
        await page.GetByTestId("save-presentation").ClickAsync();
        await Assertions.Expect(page.GetByText("Texte enregistré avec le rapport.")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "20-rapport-evaluation-lhss");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pdf").ClickAsync());
        Assert.Matches(@"^rapport-evaluation-lhss-\d{4}\.pdf$", download.SuggestedFilename);
        var file = Path.Combine(BrowserApp.Downloads, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        using var pdf = PdfDocument.Open(file);
        var first = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        await File.WriteAllTextAsync(Path.Combine(BrowserApp.Screenshots, "21-rapport-evaluation-lhss-page-1.txt"), first);
        Assert.Contains("Évaluation annuelle LHSS", first);
        Assert.Contains("I. Présentation de la structure", first);
        Assert.Contains("Dix lits ouverts toute l'année à Roubaix ; équipe pluridisciplinaire.", first);
        var all = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Appel au 15 / pompiers", all);
    }

    [Fact]
    public async Task The_regional_viewer_produces_the_regional_indicators_and_downloads_them_as_csv()
    {
        await AdmitAsync("R. R. 0201");
        await AdmitAsync("R. R. 0202");
        var page = await app.SignInAsync("observatoire");
        await page.GotoAsync("/rapports");
        await Assertions.Expect(page.GetByTestId("report-kind")).ToContainTextAsync("Indicateurs régionaux non nominatifs");
        await page.GetByTestId("generate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report")).ToContainTextAsync("données agrégées non nominatives");
        var bySex = page.GetByTestId("report-table").Filter(new() { HasText = "Non renseigné" });
        // A handful of women in the Nord's LHSS (the journeys' other people are men): a count from 1 to 10, shown « < 11 », never the number.
        await Assertions.Expect(bySex.Locator("tr", new() { HasText = "59 — LHSS" })).ToContainTextAsync("< 11");
        await BrowserApp.ScreenshotAsync(page, "22-rapport-regional");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        var file = Path.Combine(BrowserApp.Downloads, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Rapport;Périmètre;Année;Section;Tableau;Ligne;Colonne;Valeur", csv);
        Assert.Contains("Indicateurs régionaux non nominatifs;Région — tous départements;", csv);
        Assert.Contains(";Séjours de l'année par sexe;59 — LHSS;Femmes;< 11", csv);
        Assert.DoesNotContain("R. R. 0201", csv);
        Assert.DoesNotContain("Lefort", csv);
    }
}
