using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>Through the API, a task is completed only by the function its definition names; the others get a 403 naming it.</summary>
public sealed class DecisionRightsApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task The_coordinator_sees_the_doctors_and_directors_tasks_read_only_and_cannot_complete_them()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var episode = await ReferAsync(coordinator);

        var medicalOpinion = await TaskAsync(coordinator, episode, "medicalOpinion");
        Assert.False(medicalOpinion.GetProperty("canComplete").GetBoolean());
        Assert.Equal("réservé au médecin", medicalOpinion.GetProperty("reservedLabel").GetString());
        var refused = await coordinator.PostAsJsonAsync($"/api/tasks/{Id(medicalOpinion)}/complete", new { hospitalCareNeeded = false, opinion = "favourable" });
        await AssertRefusedAsync(refused, "réservée au médecin");

        foreach (var account in new[] { "admin", "social-worker", "director" })
            await AssertRefusedAsync(await (await app.SignedInAsync(account)).PostAsJsonAsync($"/api/tasks/{Id(medicalOpinion)}/complete",
                new { hospitalCareNeeded = false, opinion = "favourable" }), "médecin");

        await app.CompleteAsync(await app.SignedInAsync("doctor"), episode, "medicalOpinion", new { hospitalCareNeeded = false, opinion = "favourable" });
        var decision = await TaskAsync(coordinator, episode, "directorDecision");
        Assert.Equal("réservé au directeur", decision.GetProperty("reservedLabel").GetString());
        await AssertRefusedAsync(await coordinator.PostAsJsonAsync($"/api/tasks/{Id(decision)}/complete", new { decision = "admit" }), "réservée au directeur");
        await AssertRefusedAsync(await (await app.SignedInAsync("doctor")).PostAsJsonAsync($"/api/tasks/{Id(decision)}/complete", new { decision = "admit" }),
            "réservée au directeur");
        await app.CompleteAsync(await app.SignedInAsync("director"), episode, "directorDecision", new { decision = "admit" });
    }

    [Fact]
    public async Task Each_function_lists_only_the_tasks_it_may_complete_and_the_coordinator_every_task_of_the_structure()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var episode = await ReferAsync(coordinator);

        Assert.Contains(await MineAsync(coordinator, episode), t => t.GetProperty("elementId").GetString() == "medicalOpinion");
        var doctorTasks = await MineAsync(await app.SignedInAsync("doctor"), episode);
        Assert.All(doctorTasks, t => Assert.True(t.GetProperty("canComplete").GetBoolean()));
        Assert.Contains(doctorTasks, t => t.GetProperty("elementId").GetString() == "medicalOpinion");
        Assert.Empty(await MineAsync(await app.SignedInAsync("director"), episode));
        Assert.Empty(await MineAsync(await app.SignedInAsync("admin"), episode));
    }

    private async Task<Guid> ReferAsync(HttpClient coordinator)
    {
        var response = await coordinator.PostAsJsonAsync("/api/episodes", new
        {
            structureId = app.Lhss.Id,
            newPerson = new { pseudonym = TestPseudonyms.Next("D. R."), birthYear = 1975 },
            referredBy = "PASS du CHU de Lille", referral = new { type = "Doctor" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await app.DrainAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("episodeId").GetGuid();
    }

    private static async Task<List<JsonElement>> MineAsync(HttpClient client, Guid episode)
    {
        var response = await client.GetAsync("/api/tasks/mine");
        if (response.StatusCode == HttpStatusCode.Forbidden) return [];
        var tasks = await response.Content.ReadFromJsonAsync<JsonElement>();
        return tasks.EnumerateArray().Where(t => t.GetProperty("episodeId").GetGuid() == episode).ToList();
    }

    private static async Task<JsonElement> TaskAsync(HttpClient client, Guid episode, string elementId) =>
        (await MineAsync(client, episode)).Single(t => t.GetProperty("elementId").GetString() == elementId);

    private static Guid Id(JsonElement task) => task.GetProperty("id").GetGuid();

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }
}
