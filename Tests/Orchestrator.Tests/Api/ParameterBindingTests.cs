using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>The web app as deployed (Production), where the framework reads parameters without the developer's exceptions.</summary>
public sealed class ProductionApiApp : ApiApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Cookies are not limited to HTTPS here: the test client speaks plain HTTP to the in-memory server.
        builder.UseEnvironment("Production").UseSetting("Security:HttpsOnly", "false");
    }
}

/// <summary>A parameter the framework cannot read is a French 400 naming it, in production as in development.</summary>
public sealed class ParameterBindingTests(ProductionApiApp app) : IClassFixture<ProductionApiApp>
{
    [Theory]
    [InlineData("/api/episodes?page=abc", "page", "« abc » ne convient pas : un nombre entier est attendu.")]
    [InlineData("/api/episodes?pageSize=1.5", "pageSize", "« 1.5 » ne convient pas : un nombre entier est attendu.")]
    [InlineData("/api/episodes?page=99999999999", "page", "« 99999999999 » ne convient pas : un nombre entier est attendu.")]
    [InlineData("/api/episodes?structureId=xyz", "structureId", "« xyz » ne convient pas : un identifiant (GUID) est attendu.")]
    [InlineData("/api/episodes?stage=Foo", "stage", "« Foo » ne convient pas : cette valeur n'est pas une de celles que l'adresse accepte.")]
    [InlineData("/api/episodes?stage=99", "stage", "Cette étape n'existe pas.")]
    [InlineData("/api/alerts/board?page=abc", "page", "« abc » ne convient pas : un nombre entier est attendu.")]
    public async Task A_parameter_that_cannot_be_read_is_refused_in_french_under_its_name(string address, string field, string message)
    {
        var coordinator = await app.SignedInAsync("coordinator");

        var response = await coordinator.GetAsync(address);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Données invalides", problem.GetProperty("title").GetString());
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task A_resolution_longer_than_a_thousand_characters_is_refused_on_its_field()
    {
        var coordinator = await app.SignedInAsync("coordinator");

        var response = await coordinator.PostAsJsonAsync($"/api/alerts/{Guid.NewGuid()}/resolve", new { resolution = new string('x', 1001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("La résolution compte au plus 1", problem.GetProperty("errors").GetProperty("resolution")[0].GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_in_french()
    {
        var coordinator = await app.SignedInAsync("coordinator");

        var response = await coordinator.PostAsync($"/api/alerts/{Guid.NewGuid()}/resolve", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Requête invalide", problem.GetProperty("title").GetString());
        Assert.StartsWith("Le contenu envoyé n'est pas un JSON valide", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_field_of_the_wrong_type_is_refused_under_its_name()
    {
        var coordinator = await app.SignedInAsync("coordinator");

        var response = await coordinator.PostAsync("/api/episodes", new StringContent(
            """{"structureId":"00000000-0000-0000-0000-000000000001","newPerson":{"pseudonym":"A. B. 1","birthYear":"abc"}}""",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Données invalides", problem.GetProperty("title").GetString());
        Assert.StartsWith("Valeur illisible pour ce champ", problem.GetProperty("errors").GetProperty("newPerson.birthYear")[0].GetString());
    }
}
