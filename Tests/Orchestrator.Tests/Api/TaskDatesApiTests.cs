using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary><c>GET /api/tasks/{id}/dates</c>: what a form's bounded dates accept, for whoever may complete the task, resolved (not the raw <c>${…}</c>).</summary>
public sealed class TaskDatesApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task The_dates_of_a_task_are_read_by_who_may_complete_it_and_refused_in_french_to_another_function()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (episodeId, _) = await app.AdmitAsync(coordinator, "social-worker");
        var worker = await app.SignedInAsync("social-worker");
        var task = (await worker.GetFromJsonAsync<JsonElement>("/api/tasks/mine")).EnumerateArray()
            .First(t => t.GetProperty("episodeId").GetGuid() == episodeId && t.GetProperty("elementId").GetString() == "dipcHandover");
        var id = task.GetProperty("id").GetGuid();

        var mine = await worker.GetAsync($"/api/tasks/{id}/dates");
        var doctors = await (await app.SignedInAsync("doctor")).GetAsync($"/api/tasks/{id}/dates");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(JsonValueKind.Object, (await mine.Content.ReadFromJsonAsync<JsonElement>()).ValueKind); // no bounded date on this form: {}
        Assert.Equal(HttpStatusCode.Forbidden, doctors.StatusCode);
        Assert.Contains("travailleur social", await doctors.Content.ReadAsStringAsync());
    }
}
