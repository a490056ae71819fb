using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Pathways;
using Orchestrator.Domain.Alerts;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>A member who leaves the team hands over every person they followed; nobody is left unfollowed unnoticed.</summary>
public sealed class TeamTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_referent_who_leaves_hands_their_people_to_a_colleague_and_the_last_one_leaves_them_flagged_without_referent()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (first, _) = await app.AdmitAsync(coordinator, "referent-a");
        var (second, _) = await app.AdmitAsync(coordinator, "referent-a");
        var leaving = await app.SignedInAsync("referent-a");

        var left = await coordinator.PostAsync($"/api/staff/{app.Accounts["referent-a"].Id}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal(2, (await left.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handedOver").GetInt32());
        Assert.Equal(app.Accounts["referent-b"].Id, await ReferentOfAsync(first));
        Assert.Equal(app.Accounts["referent-b"].Id, await ReferentOfAsync(second));
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaving.GetAsync("/api/tasks/mine")).StatusCode); // their session ends with them
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "referent-a", password = ApiApp.Password })).StatusCode);

        var team = await coordinator.GetFromJsonAsync<JsonElement>("/api/staff");
        Assert.Contains(team.EnumerateArray(), m => m.GetProperty("displayName").GetString() == "referent-b" && m.GetProperty("following").GetInt32() == 2);

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/staff/{app.Accounts["referent-b"].Id}/deactivate", null)).StatusCode);
        Assert.Null(await ReferentOfAsync(first));
        using var scope = app.Services.CreateScope();
        var alerts = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Alerts.AsNoTracking()
            .Where(a => a.Type == ReferentAssigner.NoReferentAlert && a.State != AlertState.Resolved).Select(a => a.EpisodeId).ToListAsync();
        Assert.Contains(first, alerts);
        Assert.Contains(second, alerts);
    }

    [Fact]
    public async Task Only_the_team_s_own_managers_may_remove_a_member_and_nobody_removes_themself()
    {
        var actDirector = await app.SignedInAsync("act-director");
        var refused = await actDirector.PostAsync($"/api/staff/{app.Accounts["social-worker"].Id}/deactivate", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var referent = await app.SignedInAsync("doctor");
        Assert.Equal(HttpStatusCode.Forbidden, (await referent.PostAsync($"/api/staff/{app.Accounts["social-worker"].Id}/deactivate", null)).StatusCode);
        var coordinator = await app.SignedInAsync("coordinator");
        var self = await coordinator.PostAsync($"/api/staff/{app.Accounts["coordinator"].Id}/deactivate", null);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal("application/problem+json", self.Content.Headers.ContentType?.MediaType);
    }

    private async Task<Guid?> ReferentOfAsync(Guid episodeId)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Episodes.AsNoTracking().SingleAsync(e => e.Id == episodeId)).ReferentId;
    }
}
