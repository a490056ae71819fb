using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Domain.Structures;
using Orchestrator.Hosting;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>Whatever a client sends wrong gets a 4xx problem naming what is at fault, never a 500.</summary>
public sealed partial class HostileInputTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const string Minimal = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:test">
          <bpmn:process id="tiny" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task The_risk_board_takes_a_device_by_its_code_or_by_the_label_its_rows_show_and_names_the_field_of_an_unknown_one()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var byCode = await coordinator.GetStringAsync("/api/alerts/board?device=Lhss");
        Assert.Equal(byCode, await coordinator.GetStringAsync("/api/alerts/board?device=LHSS"));
        Assert.Equal(byCode, await coordinator.GetStringAsync("/api/alerts/board?device=%20lhss%20"));
        Assert.Equal(await coordinator.GetStringAsync("/api/alerts?device=ActChezSoiDabord"),
            await coordinator.GetStringAsync("/api/alerts?device=" + Uri.EscapeDataString(DeviceType.ActChezSoiDabord.Label().ToUpperInvariant())));

        var unknown = await coordinator.GetAsync("/api/alerts/board?device=foyer");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("device")[0].GetString()!;
        Assert.StartsWith("Dispositif inconnu : « foyer ». Valeurs possibles : LHSS, ", message);
    }

    [Theory]
    [InlineData("page=-1", "page", "Les pages se comptent à partir de 0.")]
    [InlineData("pageSize=0", "pageSize", "Une page compte de 1 à 200 lignes.")]
    [InlineData("pageSize=5000", "pageSize", "Une page compte de 1 à 200 lignes.")]
    [InlineData("page=2147483647&pageSize=200", "page", "Cette page est trop loin")]
    public async Task The_dashboard_names_the_field_of_a_page_out_of_bounds(string query, string field, string message)
    {
        var coordinator = await app.SignedInAsync("coordinator");

        var response = await coordinator.GetAsync($"/api/episodes?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task The_dashboard_sends_one_page_and_the_total()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        await app.AdmitAsync(coordinator, "referent-a");
        await app.AdmitAsync(coordinator, "referent-a");

        var whole = await coordinator.GetFromJsonAsync<JsonElement>("/api/episodes?pageSize=200");
        var first = await coordinator.GetFromJsonAsync<JsonElement>("/api/episodes?pageSize=1");
        var second = await coordinator.GetFromJsonAsync<JsonElement>("/api/episodes?page=1&pageSize=1");

        var total = whole.GetProperty("total").GetInt32();
        Assert.True(total >= 2, $"{total} episodes");
        Assert.Equal((total, total), (first.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32()));
        Assert.Equal(whole.GetProperty("items").EnumerateArray().Take(2).Select(r => r.GetProperty("id").GetGuid()),
            first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(r => r.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Only_administrators_may_have_a_definition_validated()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var admin = await app.SignedInAsync("admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync("/api/definitions/validate", new StringContent(Minimal, Encoding.UTF8, "application/xml"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/api/definitions/validate", new StringContent(Minimal, Encoding.UTF8, "application/xml"))).StatusCode);
        var validated = await admin.PostAsync("/api/definitions/validate", new StringContent(Minimal, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.Equal("[]", await validated.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Validating_definitions_full_of_distinct_expressions_leaves_no_memory_behind()
    {
        var admin = await app.SignedInAsync("admin");
        string Definition(int batch) => Minimal.Replace("""<bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end"/>""",
            """<bpmn:exclusiveGateway id="gw" default="f"/><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw"/><bpmn:sequenceFlow id="f" sourceRef="gw" targetRef="end"/>""" +
            string.Concat(Enumerable.Range(0, 2000).Select(i =>
                $$"""<bpmn:sequenceFlow id="c{{i}}" sourceRef="gw" targetRef="end"><bpmn:conditionExpression>${'{{batch}}-{{i}}-{{new string('x', 100)}}'.length > {{i}}}</bpmn:conditionExpression></bpmn:sequenceFlow>""")));
        await admin.PostAsync("/api/definitions/validate", new StringContent(Definition(0), Encoding.UTF8, "application/xml")); // warm-up
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var batch = 1; batch <= 5; batch++)
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/definitions/validate", new StringContent(Definition(batch), Encoding.UTF8, "application/xml"))).StatusCode);

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(retained < 16_000_000, $"validating 10,000 expressions kept {retained / 1_000_000} MB");
    }

    [Fact]
    public async Task A_fifty_megabyte_upload_is_refused_with_a_413_problem_before_it_is_read()
    {
        var admin = await app.SignedInAsync("admin");
        var before = GC.GetTotalAllocatedBytes();
        var response = await admin.PostAsync("/api/definitions", new ByteArrayContent(new byte[50 * 1024 * 1024]) { Headers = { ContentType = new("application/xml") } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Requête trop volumineuse", problem.GetProperty("title").GetString());
        Assert.Contains($"{RequestBodyLimit.DefaultBytes / 1024} Kio", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_without_announced_length_is_stopped_at_the_limit_with_the_same_413()
    {
        var admin = await app.SignedInAsync("admin");
        var content = new StreamContent(new MemoryStream(new byte[RequestBodyLimit.DefaultBytes + 1]));
        content.Headers.ContentType = new("application/xml");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/definitions/validate") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Requête trop volumineuse", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10000)]
    public async Task Indicators_for_a_year_that_does_not_exist_get_a_400_naming_the_year(int year)
    {
        var ars = await app.SignedInAsync("ars");
        var response = await ars.GetAsync($"/api/indicators?year={year}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("2000", errors.GetProperty("year")[0].GetString());
    }

    [Theory]
    [InlineData("P1X")]
    [InlineData("quinze jours")]
    [InlineData("")]
    public async Task A_deadline_that_is_not_an_iso_duration_gets_a_400_naming_the_value(string value)
    {
        var admin = await app.SignedInAsync("admin");
        var response = await admin.PutAsJsonAsync("/api/parameters/lhss/dipcDeadline", new { value });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("value", out _));
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_400_problem()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var response = await coordinator.PostAsync("/api/episodes", new StringContent("{ not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task The_sign_in_form_ignores_a_return_address_outside_the_site(string retour)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/connexion");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;

        var response = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["userName"] = "referent-a", ["password"] = ApiApp.Password, ["retour"] = retour,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
