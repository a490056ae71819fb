using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Tests.Api;

public sealed class CalendarFeedTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_referent_subscribes_to_a_feed_of_their_deadlines_that_names_nobody_and_a_new_address_revokes_the_old()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var created = await (await coordinator.PostAsJsonAsync("/api/episodes", new { structureId = app.Lhss.Id, newPerson = new { pseudonym = "Z. Z. 4242" }, referral = new { type = "Doctor" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var episodeId = created.GetProperty("episodeId").GetGuid();
        await app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync();
        await coordinator.PutAsJsonAsync($"/api/episodes/{episodeId}/referent", new { staffId = app.Accounts["coordinator"].Id });

        var first = (await (await coordinator.PostAsync("/api/me/calendar", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync(new Uri(first).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VEVENT", ics);
        Assert.Contains("Échéance : Avis du médecin responsable", ics);
        Assert.DoesNotContain("Z. Z. 4242", ics);

        var second = (await (await coordinator.PostAsync("/api/me/calendar", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(first).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(second).PathAndQuery)).StatusCode);
        using var scope = app.Services.CreateScope();
        var stored = scope.ServiceProvider.GetRequiredService<Orchestrator.Persistence.OrchestratorDbContext>().Staff.Single(s => s.Id == app.Accounts["coordinator"].Id).CalendarToken;
        Assert.DoesNotContain(stored!, second); // the database keeps only a hash of the secret
    }
}
