using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>
/// Non-nominative by construction: people whose every identity field, referrer, note, refusal reason and the
/// director's texts are planted strings go through real pathways, and no regional output (JSON, CSV, XLSX, PDF) holds
/// any of them, nor a person's or an episode's identifier, nor a date of birth.
/// </summary>
public sealed class RegionalLeakTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task No_identity_free_text_identifier_or_birth_date_reaches_any_regional_output()
    {
        var random = new Random();
        string Plant(string what) => $"{what}{new string(Enumerable.Range(0, 8).Select(_ => (char)random.Next('A', 'Z' + 1)).ToArray())}";
        var coordinator = await app.SignedInAsync("coordinator");
        var (doctor, director) = (await app.SignedInAsync("doctor"), await app.SignedInAsync("director"));
        var planted = new List<string>();
        var ids = new List<Guid>();
        var birthDates = new List<DateOnly>();
        for (var i = 0; i < 15; i++)
        {
            // A pseudonym is initials and a number (PseudonymRule): its planted mark is a number no output could hold by chance.
            var pseudonym = $"P. Q. {random.NextInt64(100_000_000_000, 999_999_999_999)}";
            var (last, first, referrer, note, reason) = (Plant("NOM"), Plant("PRENOM"), Plant("ADRESSEUR"), Plant("NOTE"), Plant("MOTIF"));
            var birth = new DateOnly(random.Next(1950, 2000), random.Next(1, 13), random.Next(1, 28));
            var response = await coordinator.PostAsJsonAsync("/api/episodes", new
            {
                structureId = app.Lhss.Id, referredBy = referrer, referral = new { type = "HealthProfessional" },
                newPerson = new { pseudonym, birthYear = birth.Year, sex = i % 3 == 0 ? "F" : "M", lastName = last, firstName = first, birthDate = birth },
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var created = await response.Content.ReadFromJsonAsync<JsonElement>();
            var (episode, person) = (created.GetProperty("episodeId").GetGuid(), created.GetProperty("personId").GetGuid());
            await app.DrainAsync();
            await app.CompleteAsync(doctor, episode, "medicalOpinion", new { hospitalCareNeeded = false, opinion = "favourable" });
            if (i % 5 == 4)
            {
                await app.CompleteAsync(director, episode, "directorDecision", new { decision = "refuse" });
                await app.CompleteAsync(director, episode, "refusalReason", new { refusalReason = "other", refusalDetail = reason });
            }
            else
            {
                await app.CompleteAsync(director, episode, "directorDecision", new { decision = "admit" });
                Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/episodes/{episode}/notes", new { text = note, medical = false })).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/people/{person}/recourses", new { kind = "Appointment" })).StatusCode);
            }
            planted.AddRange([pseudonym, last, first, referrer, note, reason]);
            ids.AddRange([episode, person]);
            birthDates.Add(birth);
        }
        var text = Plant("TEXTE");
        var year = DateTime.UtcNow.Year;
        Assert.Equal(HttpStatusCode.NoContent, (await director.PutAsJsonAsync($"/api/reports/{app.Lhss.Id}/{year}/texts/conclusions", new { text })).StatusCode);
        planted.Add(text);
        // The structure's own report does hold the texts it is made with: the plants are real and reachable.
        var evaluation = await director.GetStringAsync($"/api/reports/evaluation-lhss?structure={app.Lhss.Id}&year={year}");
        Assert.Contains(text, evaluation);
        // The answers of the pathways' tasks are read too: the director's three refusals, each coded whatever its free-text reason.
        Assert.Equal(3, ReportApiTests.Cell(JsonDocument.Parse(evaluation).RootElement, "Demandes d'admission, admissions et refus", "dont : Refus motivé de la direction", 3));
        Assert.DoesNotContain("MOTIF", evaluation);

        var ars = await app.SignedInAsync("ars");
        var outputs = new Dictionary<string, string>
        {
            ["json"] = await ars.GetStringAsync($"/api/reports/regional?year={year}"),
            ["csv"] = Encoding.UTF8.GetString(await ars.GetByteArrayAsync($"/api/reports/regional?year={year}&format=csv")),
            ["xlsx"] = XlsxText(await ars.GetByteArrayAsync($"/api/reports/regional?year={year}&format=xlsx")),
            ["pdf"] = PdfText(await ars.GetByteArrayAsync($"/api/reports/regional?year={year}&format=pdf")),
        };

        foreach (var (format, output) in outputs)
        {
            Assert.Contains("59 — LHSS", output); // the data went through: the LHSS has its row
            foreach (var plant in planted) Assert.DoesNotContain(plant, output, StringComparison.OrdinalIgnoreCase);
            foreach (var id in ids) Assert.DoesNotContain(id.ToString()[..8], output, StringComparison.OrdinalIgnoreCase);
            foreach (var birth in birthDates)
            {
                Assert.DoesNotContain(birth.ToString("yyyy-MM-dd"), output);
                Assert.DoesNotContain(birth.ToString("dd/MM/yyyy"), output);
            }
            Assert.DoesNotContain("Koné", output);
        }
        // Twelve admissions are more than ten: shown; the three refusals are not.
        var regional = JsonDocument.Parse(outputs["json"]).RootElement;
        Assert.Equal(12, ReportApiTests.Cell(regional, "Demandes, admissions et refus", "59 — LHSS", 1));
        Assert.Null(ReportApiTests.Cell(regional, "Demandes, admissions et refus", "59 — LHSS", 2));
    }

    private static string XlsxText(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var text = new StringBuilder();
        foreach (var sheet in stream.GetSheetNames())
        {
            text.AppendLine(sheet);
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, sheetName: sheet))
                text.AppendLine(string.Join(" | ", row.Values));
        }
        return text.ToString();
    }

    private static string PdfText(byte[] bytes)
    {
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }
}
