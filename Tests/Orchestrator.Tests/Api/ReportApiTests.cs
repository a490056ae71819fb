using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Reports;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.People;
using Orchestrator.Domain.Reports;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>
/// <c>GET /api/reports/{kind}</c>: content negotiation, who reads what, the director's texts, the recourses recorded on a
/// person, and the figures of a generated year checked against queries written independently of the report.
/// </summary>
public sealed class ReportApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private string EvaluationUrl(int year = 2026) => $"/api/reports/evaluation-lhss?structure={app.Lhss.Id}&year={year}";

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("text/csv", "text/csv")]
    [InlineData(Xlsx, Xlsx)]
    [InlineData("application/pdf", "application/pdf")]
    [InlineData("text/html, application/pdf;q=0.9, */*;q=0.1", "application/pdf")]
    [InlineData("*/*", "application/json")]
    public async Task The_report_comes_in_the_media_type_the_accept_header_asks_for(string? accept, string expected)
    {
        var director = await app.SignedInAsync("director");

        var response = await GetAsync(director, EvaluationUrl(), accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        switch (expected)
        {
            case "text/csv": Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); break;
            case "application/pdf": Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes[..4])); break;
            case Xlsx: Assert.Equal("PK", Encoding.ASCII.GetString(bytes[..2])); break;
            default: Assert.Equal("evaluation-lhss", JsonDocument.Parse(bytes).RootElement.GetProperty("kind").GetString()); break;
        }
        if (expected != "application/json")
            Assert.Equal($"rapport-evaluation-lhss-2026.{ReportFormatsExtension(expected)}", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
    }

    private static string ReportFormatsExtension(string mediaType) => Orchestrator.Application.Reports.Export.ReportFormats.Extension(mediaType);

    [Theory]
    [InlineData("director", -1, "text/csv", 400)]
    [InlineData("director", -1, "application/pdf", 400)]
    [InlineData("referent-a", 2026, Xlsx, 403)]
    public async Task A_refused_download_still_says_why_in_french_problem_details_whatever_file_was_asked_for(string account, int year, string accept, int status)
    {
        var client = await app.SignedInAsync(account);

        var refused = await GetAsync(client, EvaluationUrl(year), accept);

        Assert.Equal(status, (int)refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status == 400 ? "Données invalides" : "Accès refusé", problem.GetProperty("title").GetString());
        if (status == 400) Assert.True(problem.GetProperty("errors").TryGetProperty("year", out _), problem.ToString());
    }

    [Fact]
    public async Task A_format_parameter_serves_a_plain_download_link_and_an_unknown_accept_is_a_french_406()
    {
        var director = await app.SignedInAsync("director");

        var csv = await director.GetAsync(EvaluationUrl() + "&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var refused = await GetAsync(director, EvaluationUrl(), "image/png");
        Assert.Equal(HttpStatusCode.NotAcceptable, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Format non disponible", problem.GetProperty("title").GetString());
        Assert.Contains("text/csv", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_structure_s_report_is_its_director_s_and_coordinators_and_the_regional_one_the_regional_viewer_s()
    {
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync("coordinator")).GetAsync(EvaluationUrl())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("ars")).GetAsync(EvaluationUrl())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("act-director")).GetAsync(EvaluationUrl())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("doctor")).GetAsync(EvaluationUrl())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync("ars")).GetAsync("/api/reports/regional?year=2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/reports/regional")).StatusCode);
    }

    [Theory]
    [InlineData("/api/reports/inconnu?year=2026", "kind")]
    [InlineData("/api/reports/act?structure={lhss}&year=2026", "kind")]
    [InlineData("/api/reports/evaluation-lhss?year=2026", "structure")]
    [InlineData("/api/reports/evaluation-lhss?structure={lhss}&year=1999", "year")]
    [InlineData("/api/reports/evaluation-lhss?structure={lhss}&format=docx", "format")]
    public async Task A_wrong_request_is_a_400_naming_the_field(string url, string field)
    {
        var response = await (await app.SignedInAsync("director")).GetAsync(url.Replace("{lhss}", app.Lhss.Id.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_director_s_texts_are_kept_with_the_report_of_the_year_and_only_the_director_writes_them()
    {
        var director = await app.SignedInAsync("director");
        var url = $"/api/reports/{app.Lhss.Id}/2025/texts/partnerships";

        Assert.Equal(HttpStatusCode.NoContent, (await director.PutAsJsonAsync(url, new { text = "Convention signée avec le laboratoire d'analyses." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await director.PutAsJsonAsync(url, new { text = "Convention signée avec le laboratoire et la pharmacie." })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("coordinator")).PutAsJsonAsync(url, new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await director.PutAsJsonAsync($"/api/reports/{app.Lhss.Id}/2025/texts/poeme", new { text = "x" })).StatusCode);

        var report = await director.GetFromJsonAsync<JsonElement>(EvaluationUrl(2025));
        var texts = report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("texts").EnumerateArray()).ToList();
        Assert.Equal("Convention signée avec le laboratoire et la pharmacie.", texts.Single(t => t.GetProperty("section").GetString() == "partnerships").GetProperty("text").GetString());
        var other = await director.GetFromJsonAsync<JsonElement>(EvaluationUrl(2024));
        Assert.DoesNotContain("pharmacie", other.GetRawText());
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await director.GetByteArrayAsync(EvaluationUrl(2025) + "&format=pdf"));
        Assert.Contains("pharmacie.", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [Fact]
    public async Task A_recourse_to_outside_care_is_one_call_by_the_care_team_counted_in_the_evaluation()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (_, person) = await app.AdmitAsync(coordinator, "referent-a");
        var before = Cell(await coordinator.GetFromJsonAsync<JsonElement>(EvaluationUrl(DateTime.UtcNow.Year)), "Recours aux soins extérieurs", "Appel au 15 / pompiers", 3);

        var recorded = await coordinator.PostAsJsonAsync($"/api/people/{person}/recourses", new { kind = "EmergencyCall" });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("act-director")).PostAsJsonAsync($"/api/people/{person}/recourses", new { kind = "EmergencyCall" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"/api/people/{person}/recourses", new { kind = "Teleportation" })).StatusCode);

        var after = Cell(await coordinator.GetFromJsonAsync<JsonElement>(EvaluationUrl(DateTime.UtcNow.Year)), "Recours aux soins extérieurs", "Appel au 15 / pompiers", 3);
        Assert.Equal(before + 1, after);
        var record = await coordinator.GetFromJsonAsync<JsonElement>($"/api/people/{person}");
        Assert.Equal(1, record.GetProperty("recourses").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "EmergencyCall").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task The_report_is_described_in_openapi_with_its_four_media_types()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var get = document.GetProperty("paths").GetProperty("/api/reports/{kind}").GetProperty("get");
        var content = get.GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.All(new[] { "application/json", "text/csv", Xlsx, "application/pdf" }, type => Assert.True(content.TryGetProperty(type, out _), type));
        Assert.Contains("regional", get.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_report_tells_its_progress_from_0_to_100_as_it_reads_and_computes()
    {
        var seen = new List<int>();
        await app.Services.GetRequiredService<IServiceScopeFactory>().SendAsAsync(app.Accounts["director"],
            new BuildReportQuery(ReportKind.LhssEvaluation, app.Lhss.Id, 2026) { Progress = new Recorder(seen) });

        Assert.Equal(0, seen[0]);
        Assert.Equal(100, seen[^1]);
        Assert.Equal(seen.Order(), seen);
    }

    private sealed class Recorder(List<int> seen) : IProgress<int>
    {
        public void Report(int value) => seen.Add(value);
    }

    /// <summary>The value of one cell of a report read as JSON.</summary>
    internal static decimal? Cell(JsonElement report, string table, string row, int column)
    {
        var cell = report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("tables").EnumerateArray())
            .Single(t => t.GetProperty("title").GetString() == table).GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("label").GetString() == row).GetProperty("cells")[column];
        return cell.GetProperty("value").ValueKind == JsonValueKind.Null ? null : cell.GetProperty("value").GetDecimal();
    }
}
