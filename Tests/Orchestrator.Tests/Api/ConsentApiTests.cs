using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>Through the API, a consent names its categories and a new one is refused with a 400 naming the person's objection.</summary>
public sealed class ConsentApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task After_the_objection_a_consent_is_refused_with_a_french_400_naming_the_reason()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (_, person) = await app.AdmitAsync(coordinator, "referent-a");
        var granted = await coordinator.PostAsJsonAsync($"/api/people/{person}/consents",
            new { recipientStructureId = app.Act.Id, purpose = "Préparer une orientation", categories = new[] { "social", "medical" } });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/people/{person}/sharing-objection", null)).StatusCode);
        var refused = await coordinator.PostAsJsonAsync($"/api/people/{person}/consents",
            new { recipientStructureId = app.Act.Id, purpose = "Préparer une orientation", categories = new[] { "social" } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("s'est opposée", problem.GetProperty("errors").GetProperty("personId")[0].GetString());
        var record = await coordinator.GetFromJsonAsync<JsonElement>($"/api/people/{person}");
        Assert.All(record.GetProperty("consents").EnumerateArray(), c => Assert.Equal("revoked", c.GetProperty("state").GetString()));
        Assert.NotEqual(JsonValueKind.Null, record.GetProperty("rights").GetProperty("objectedAt").ValueKind);
    }

    [Fact]
    public async Task A_consent_without_categories_is_refused_naming_the_field()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (_, person) = await app.AdmitAsync(coordinator, "referent-a");

        var refused = await coordinator.PostAsJsonAsync($"/api/people/{person}/consents", new { recipientStructureId = app.Act.Id, purpose = "Orientation" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("categories", out _));
    }

    [Theory]
    [InlineData("", "La finalité du partage est obligatoire.")]
    [InlineData("   ", "La finalité du partage est obligatoire.")]
    [InlineData(null, "La finalité du partage est obligatoire.")]
    [InlineData("LONG", "La finalité du partage tient en 300 caractères au plus.")]
    public async Task A_missing_or_too_long_purpose_is_refused_in_french_saying_which(string? purpose, string message)
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (_, person) = await app.AdmitAsync(coordinator, "referent-a");

        var refused = await coordinator.PostAsJsonAsync($"/api/people/{person}/consents",
            new { recipientStructureId = app.Act.Id, purpose = purpose == "LONG" ? new string('x', 301) : purpose, categories = new[] { "social" } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(message, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("purpose")[0].GetString());
    }

    [Fact]
    public async Task A_recourse_without_its_type_is_refused_not_counted_as_an_appointment()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (_, person) = await app.AdmitAsync(coordinator, "referent-a");

        var refused = await coordinator.PostAsJsonAsync($"/api/people/{person}/recourses", new { });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Le type de recours est obligatoire.", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("kind")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/people/{person}/recourses", new { kind = "Appointment" })).StatusCode);
    }
}
