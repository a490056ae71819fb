using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Orchestrator.Tests.Api;

public sealed class DefinitionApiTests : IClassFixture<DefinitionApiTests.App>
{
    private readonly HttpClient _client;

    public DefinitionApiTests(App app) => _client = app.CreateClient();

    public sealed class App : WebApplicationFactory<Program>
    {
        private readonly string _data = Path.Combine(Path.GetTempPath(), "orchestrator-api-" + Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Orchestrator:DataDirectory", _data);

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task An_invalid_definition_gets_a_400_problem_naming_the_element_and_nothing_is_saved()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench", "admission.bpmn"))
            .Replace("id=\"bench-admission\"", "id=\"api-invalid\"")
            .Replace("<bpmn:userTask id=\"medicalOpinion\"", "<bpmn:inclusiveGateway id=\"medicalOpinion\"").Replace("orc:role=\"doctor\" orc:dueIn=\"PT48H\" />", "/>");
        var response = await _client.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("inclusiveGateway 'medicalOpinion'", body);
        var list = await _client.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/definitions");
        Assert.DoesNotContain(list!, d => d["key"].ToString() == "api-invalid");
    }

    [Fact]
    public async Task A_valid_draft_is_saved_then_published_as_a_new_version()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench", "admission.bpmn")).Replace("id=\"bench-admission\"", "id=\"api-valid\"");
        var created = await _client.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var published = await _client.PostAsync("/api/definitions/api-valid/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Contains("\"state\":\"Published\"", await published.Content.ReadAsStringAsync());

        var again = await _client.PostAsync("/api/definitions/api-valid/publish", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task The_home_page_is_in_french_and_lists_the_definitions()
    {
        var html = await _client.GetStringAsync("/");
        Assert.Contains("lang=\"fr\"", html);
        Assert.Contains("Définitions de parcours", html);
    }
}
