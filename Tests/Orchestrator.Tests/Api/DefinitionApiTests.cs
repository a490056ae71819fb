using System.Net;
using System.Net.Http.Json;
using System.Text;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

public sealed class DefinitionApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task An_invalid_definition_gets_a_400_problem_naming_the_element_and_nothing_is_saved()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench", "admission.bpmn"))
            .Replace("id=\"bench-admission\"", "id=\"api-invalid\"")
            .Replace("<bpmn:userTask id=\"medicalOpinion\"", "<bpmn:complexGateway id=\"medicalOpinion\"").Replace("orc:role=\"doctor\" orc:dueIn=\"PT48H\" />", "/>");
        var client = await app.SignedInAsync("admin");
        var response = await client.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("complexGateway 'medicalOpinion'", body);
        var list = await client.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/definitions");
        Assert.DoesNotContain(list!, d => d["key"].ToString() == "api-invalid");
    }

    [Fact]
    public async Task A_valid_draft_is_saved_then_published_as_a_new_version()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench", "admission.bpmn")).Replace("id=\"bench-admission\"", "id=\"api-valid\"");
        var client = await app.SignedInAsync("admin");
        var created = await client.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var published = await client.PostAsync("/api/definitions/api-valid/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Contains("\"state\":\"Published\"", await published.Content.ReadAsStringAsync());

        var again = await client.PostAsync("/api/definitions/api-valid/publish", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(); // problem details, not a bare string
        Assert.Equal("La définition « api-valid » n'a pas de brouillon à publier.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_an_administrator_may_save_a_definition_and_nobody_signed_out_may_list_them()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench", "admission.bpmn")).Replace("id=\"bench-admission\"", "id=\"api-forbidden\"");
        var coordinator = await app.SignedInAsync("coordinator");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/definitions")).StatusCode);
    }

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_the_french_sign_in_form_with_an_antiforgery_token()
    {
        var html = await app.CreateClient().GetStringAsync("/");
        Assert.Contains("lang=\"fr\"", html);
        Assert.Contains("Se connecter", html);
        Assert.Contains("__RequestVerificationToken", html);
    }

    [Fact]
    public async Task The_api_is_described_in_openapi()
    {
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        foreach (var route in new[] { "/api/episodes", "/api/alerts", "/api/tasks/{id}/complete", "/api/handoffs/{id}/accept", "/api/indicators", "/api/parameters/{key}" })
            Assert.Contains($"\"{route}\"", document);
    }
}
