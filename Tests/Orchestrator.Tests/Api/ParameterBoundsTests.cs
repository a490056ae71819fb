using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>Deadlines stay within the law: the administrator's values within the definition's bounds, none from a referral.</summary>
public sealed class ParameterBoundsTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Theory]
    [InlineData("lhss", "plannedStay", "P6M", "P2M", "CASF D312-176-2")]
    [InlineData("lhss", "plannedStay", "P61D", "P2M", "CASF D312-176-2")]
    [InlineData("lhss", "dipcDeadline", "P60D", "P15D", "CASF D311")]
    [InlineData("lam", "contractSignatureDeadline", "P2M", "P1M", "CASF D311")]
    [InlineData("act", "objectivesDeadline", "P1Y", "P6M", "CASF D311")]
    [InlineData("act", "projectReviewCycle", "P13M", "P1Y", "CASF D311")]
    public async Task A_deadline_beyond_the_legal_bound_gets_a_400_naming_the_bound_and_its_source(string definition, string name, string value,
        string max, string source)
    {
        var admin = await app.SignedInAsync("admin");

        var response = await admin.PutAsJsonAsync($"/api/parameters/{definition}/{name}", new { value });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("value")[0].GetString();
        Assert.Contains($"maximum de {max}", message);
        Assert.Contains(source, message);
        var parameters = await admin.GetFromJsonAsync<JsonElement>($"/api/parameters/{definition}");
        var parameter = parameters.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);
        Assert.Equal(JsonValueKind.Null, parameter.GetProperty("value").ValueKind);
        Assert.Equal(max, parameter.GetProperty("max").GetString());
        Assert.Equal(source, parameter.GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_deadline_within_the_bound_is_accepted()
    {
        var admin = await app.SignedInAsync("admin");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/parameters/lhss/plannedStay", new { value = "P8W" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/parameters/lhss/plannedStay", new { value = "P2M" })).StatusCode);
    }

    [Fact]
    public async Task A_referral_that_tries_to_set_a_deadline_is_refused_and_nothing_is_saved()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var pseudonym = TestPseudonyms.Next("P. V.");

        var response = await coordinator.PostAsJsonAsync("/api/episodes", new
        {
            structureId = app.Lhss.Id,
            newPerson = new { pseudonym, birthYear = 1980 },
            referredBy = "PASS du CHU de Lille", referral = new { type = "Doctor" },
            variables = new Dictionary<string, object> { ["medicalOpinionDelay"] = "P40Y", ["handoffAnswerDeadline"] = "P1Y", ["orienter"] = "PASS" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("délai du parcours", errors.GetProperty("variables.medicalOpinionDelay")[0].GetString());
        Assert.True(errors.TryGetProperty("variables.handoffAnswerDeadline", out _));
        Assert.False(errors.TryGetProperty("variables.orienter", out _));
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().People.AnyAsync(p => p.Pseudonym == pseudonym));
    }
}
