using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>
/// Dozens of clients at once on the same instance through the HTTP API: every task is completed once and none is lost, a
/// handoff is answered once and its message reaches the pathway once, and every loser gets a 409 whose problem details say
/// why in French.
/// </summary>
public static partial class LoadRaces
{
    public static async Task ClientsCompletingTheSameTasksOfOneInstanceCompleteEachOnceAndNoneIsLost(ApiApp app)
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (episode, person) = await app.AdmitAsync(coordinator, "referent-a");
        var workers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => app.SignedInAsync("social-worker")));
        var mine = await workers[0].GetFromJsonAsync<JsonElement>("/api/tasks/mine");
        string[] elements = ["dipcHandover", "exitProject", "dataSharingInformation"];
        object[] forms = [new { }, new { exitSolution = "Pension de famille" }, new { informed = true }];
        var ids = elements.Select(element => mine.EnumerateArray()
            .Single(t => t.GetProperty("episodeId").GetGuid() == episode && t.GetProperty("elementId").GetString() == element).GetProperty("id").GetGuid()).ToArray();

        // Eight clients on each of the three tasks of the stay, all at once: three different steps of one instance race too.
        var answers = await Task.WhenAll(workers.Select((client, i) => client.PostAsJsonAsync($"/api/tasks/{ids[i % 3]}/complete", forms[i % 3])));
        await app.DrainAsync();

        for (var t = 0; t < 3; t++)
        {
            var own = answers.Where((_, i) => i % 3 == t).ToList();
            Assert.Single(own, a => a.StatusCode == HttpStatusCode.NoContent);
            foreach (var loser in own.Where(a => a.StatusCode != HttpStatusCode.NoContent)) await AssertFrenchConflictAsync(loser);
        }
        await using var engine = await app.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var domain = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var instance = (await domain.Episodes.SingleAsync(e => e.Id == episode)).InstanceId;
        foreach (var element in elements)
        {
            Assert.Equal(HumanTaskStatus.Completed, (await engine.Tasks.SingleAsync(t => t.InstanceId == instance && t.ElementId == element)).Status);
            Assert.Equal(1, await engine.History.CountAsync(h => h.InstanceId == instance && h.ElementId == element && h.Event == HistoryEvent.Completed));
        }
        Assert.Equal("Pension de famille", JsonDocument.Parse((await engine.Tasks.SingleAsync(t => t.InstanceId == instance && t.ElementId == "exitProject")).Values!)
            .RootElement.GetProperty("exitSolution").GetString());
        var audited = await domain.Audit.Where(a => a.PersonId == person && a.Action == "task.completed").Select(a => a.Detail).ToListAsync();
        foreach (var element in elements) Assert.Single(audited, d => d!.EndsWith("/" + element)); // the losers audited nothing
    }

    public static async Task ClientsAnsweringOneHandoffAtOnceHaveOneWinnerAndOneMessageReachesThePathway(ApiApp app)
    {
        var (episode, handoff) = await Races.ProposedToActAsync(app);
        var directors = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.SignedInAsync("act-director")));

        var answers = await Task.WhenAll(directors.Select((client, i) => i % 2 == 0
            ? client.PostAsync($"/api/handoffs/{handoff}/accept", null)
            : client.PostAsJsonAsync($"/api/handoffs/{handoff}/refuse", new { reason = "Plus de place" })));
        await app.DrainAsync();
        await app.Services.GetRequiredService<Application.Outbox.DomainOutboxDispatcher>().ProcessDueAsync();
        await app.DrainAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var domain = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var answered = await domain.Handoffs.SingleAsync(h => h.Id == handoff);
        Assert.Equal(1, answered.Version); // one transition, whatever the number of clients
        // The same answer sent again by the same structure is acknowledged again (a retry is not an error); the other answer
        // is refused with a French 409, and nothing of it is written.
        var won = answered.State == HandoffState.Accepted ? 0 : 1;
        Assert.Contains(answers.Where((_, i) => i % 2 == won), a => a.StatusCode == HttpStatusCode.NoContent);
        Assert.All(answers.Where((_, i) => i % 2 == won), a => Assert.True(a.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict));
        foreach (var loser in answers.Where((a, i) => i % 2 != won || a.StatusCode != HttpStatusCode.NoContent)) await AssertFrenchConflictAsync(loser);
        var lhss = await domain.Episodes.SingleAsync(e => e.Id == episode);
        await using var engine = await app.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var milestones = await domain.Milestones.Where(m => m.EpisodeId == episode).Select(m => m.Code).ToListAsync();
        var alerts = await domain.Alerts.Where(a => a.EpisodeId == episode).Select(a => a.Type).ToListAsync();
        var act = await domain.Episodes.CountAsync(e => e.PersonId == lhss.PersonId && e.DeviceType == DeviceType.Act);
        if (answered.State == HandoffState.Accepted)
        {
            Assert.Single(milestones, m => m == "handoff-accepted");
            Assert.DoesNotContain("handoff-refused", alerts);
            Assert.Equal(1, act);
        }
        else
        {
            Assert.Single(alerts, a => a == "handoff-refused");
            Assert.DoesNotContain("handoff-accepted", milestones);
            Assert.Equal(0, act);
        }
        Assert.DoesNotContain(await domain.DomainOutbox.Where(e => e.SubjectId == handoff).GroupBy(e => e.Kind).Select(g => g.Count()).ToListAsync(), c => c > 1);
        Assert.Empty(await engine.PendingMessages.ToListAsync()); // the answer was taken by the waiting pathway, not left over
    }

    /// <summary>A 409 problem whose title and detail are French sentences, without the code's English.</summary>
    public static async Task AssertFrenchConflictAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Action impossible dans l'état actuel", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString() ?? "";
        Assert.Matches(French(), detail);
        Assert.DoesNotMatch(English(), detail);
    }

    [GeneratedRegex(@"[éèêàçù]|\b(la|le|les|cette|cet|déjà|est|a été)\b")]
    private static partial Regex French();

    [GeneratedRegex(@"\b(the|is|already|has|Task|Another|instance|nothing|was|written|does not)\b")]
    private static partial Regex English();
}

public sealed class SqliteLoadRaceTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public Task Twenty_four_clients_on_three_tasks_of_one_instance_complete_each_once_and_lose_none() =>
        LoadRaces.ClientsCompletingTheSameTasksOfOneInstanceCompleteEachOnceAndNoneIsLost(app);

    [Fact]
    public Task Twenty_clients_answering_one_handoff_at_once_have_one_winner_whose_message_reaches_the_pathway_once() =>
        LoadRaces.ClientsAnsweringOneHandoffAtOnceHaveOneWinnerAndOneMessageReachesThePathway(app);
}

public sealed class PostgresLoadRaceTests(PostgresApiApp app) : IClassFixture<PostgresApiApp>
{
    [PostgresFact]
    public Task Twenty_four_clients_on_three_tasks_of_one_instance_complete_each_once_and_lose_none() =>
        LoadRaces.ClientsCompletingTheSameTasksOfOneInstanceCompleteEachOnceAndNoneIsLost(app);

    [PostgresFact]
    public Task Twenty_clients_answering_one_handoff_at_once_have_one_winner_whose_message_reaches_the_pathway_once() =>
        LoadRaces.ClientsAnsweringOneHandoffAtOnceHaveOneWinnerAndOneMessageReachesThePathway(app);
}
