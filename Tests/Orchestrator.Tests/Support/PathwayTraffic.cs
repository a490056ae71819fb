using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Tests.Support;

/// <summary>
/// Professionals working through the HTTP API of whichever host is up, as a stream of LHSS pathways: a referral, the doctor's
/// opinion, the director's admission (which arms the DIPC timer), and for every other person the exit decision, the
/// orientation to an ACT and the ACT's acceptance (a message back to the LHSS instance). Each step the API acknowledged
/// (2xx) is recorded. A request the host never answered (it was killed) is tried again on the next host, and counts as
/// done if the database shows it applied; a referral never answered is left (it may or may not exist) and the stream
/// goes on with a new person.
/// </summary>
public sealed class PathwayTraffic(HostDatabase database)
{
    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _clients = new();
    private readonly Lock _hosts = new();
    private TaskCompletionSource<(HostProcess Host, int Generation)> _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Completed, then replaced, each time a host comes up or HostDown publishes a new _up: what a request that lost its host
    // waits on while _up still names that host, and what a look for a host's writes waits on beside its live updates.
    private TaskCompletionSource _hostChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Completed, then replaced, by each acknowledgement.
    private TaskCompletionSource _acknowledgement = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _acknowledged;
    private int _lost;

    /// <summary>The steps the API acknowledged, as <c>kind</c> and subject.</summary>
    public ConcurrentQueue<Step> Acknowledged { get; } = new();

    /// <summary>Answers that are neither an acknowledgement nor a connection lost to a killed host: each fails the test.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    /// <summary>LHSS episodes created by an acknowledged referral, with whether their person goes on to an ACT.</summary>
    public ConcurrentDictionary<Guid, bool> Episodes { get; } = new();

    public int AcknowledgedCount => Volatile.Read(ref _acknowledged);

    /// <summary>Requests a killed host never answered.</summary>
    public int LostCount => Volatile.Read(ref _lost);

    public sealed record Step(string Kind, Guid EpisodeId, string? Element);

    /// <summary>Requests go to <paramref name="host"/> from now on.</summary>
    public void HostUp(HostProcess host, int generation)
    {
        foreach (var client in _clients.Values) if (client.IsValueCreated && client.Value.IsCompletedSuccessfully) client.Value.Result.Dispose();
        _clients.Clear();
        TaskCompletionSource changed;
        lock (_hosts)
        {
            _up.TrySetResult((host, generation));
            changed = _hostChanged;
            _hostChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    /// <summary>The host went away: requests wait for the next one.</summary>
    public void HostDown()
    {
        TaskCompletionSource changed;
        lock (_hosts)
        {
            if (!_up.Task.IsCompleted) return;
            _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
            changed = _hostChanged;
            _hostChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    /// <summary>
    /// Runs <paramref name="streams"/> concurrent streams of <paramref name="people"/> people each; even streams stop at
    /// admission, odd ones go on to an ACT unless <paramref name="handoffs"/> is false.
    /// </summary>
    public Task RunAsync(int streams, int people, bool handoffs = true) =>
        Task.WhenAll(Enumerable.Range(0, streams).Select(s => Task.Run(async () =>
        {
            for (var p = 0; p < people; p++) await PersonAsync(toAct: handoffs && s % 2 == 1);
        })));

    /// <summary>Waits until the API has acknowledged <paramref name="count"/> steps in all.</summary>
    public async Task UntilAcknowledgedAsync(int count, Task running)
    {
        var deadline = DateTime.UtcNow + StepDeadline;
        while (true)
        {
            // Taken before the count: an acknowledgement counted after this read completes it.
            var next = Volatile.Read(ref _acknowledgement).Task;
            if (AcknowledgedCount >= count || running.IsCompleted) return;
            try
            {
                await Task.WhenAny(next, running).WaitAsync(Remaining(deadline));
            }
            catch (TimeoutException)
            {
                Assert.Fail($"Only {AcknowledgedCount} steps of {count} were acknowledged in time.");
            }
        }
    }

    private async Task PersonAsync(bool toAct)
    {
        var episode = await ReferAsync();
        if (episode is not { } id) return; // never answered: maybe referred, maybe not
        Episodes[id] = toAct;
        await CompleteAsync("doctor", id, "medicalOpinion", new { hospitalCareNeeded = false, opinion = "favourable" });
        await CompleteAsync("director", id, "directorDecision", new { decision = "admit" });
        if (!toAct) return;
        await CompleteAsync("doctor", id, "exitDecision", new { exitType = "planned" });
        await CompleteAsync("social-worker", id, "exitOrientation", new { destination = "ACT" });
        await AcceptAsync(id);
    }

    private async Task<Guid?> ReferAsync()
    {
        var (client, generation) = await ClientAsync("coordinator");
        try
        {
            var response = await client.PostAsJsonAsync("/api/episodes", new
            {
                structureId = database.Lhss.Id,
                newPerson = new { pseudonym = TestPseudonyms.Next("P."), birthYear = 1970, lastName = "Martin", firstName = "Paul" },
                referredBy = "PASS du CHU de Lille", referral = new { type = "Doctor" },
            });
            if (response.StatusCode != HttpStatusCode.Created)
            {
                await UnexpectedAsync("referral", response);
                return null;
            }
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("episodeId").GetGuid();
            Acknowledge(new Step("referral", id, null));
            return id;
        }
        catch (Exception e) when (IsLostHost(e))
        {
            await HostGoneAsync(generation);
            return null;
        }
    }

    private async Task CompleteAsync(string actor, Guid episode, string element, object values)
    {
        var retried = false;
        while (true)
        {
            var (client, generation) = await ClientAsync(actor);
            try
            {
                if (retried && await TaskStatusAsync(episode, element) == HumanTaskStatus.Completed) return; // applied before the host died
                var task = await OpenTaskAsync(client, episode, element);
                var response = await client.PostAsJsonAsync($"/api/tasks/{task}/complete", values);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    Acknowledge(new Step("task", episode, element));
                    return;
                }
                if (retried && response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound) return;
                await UnexpectedAsync($"completion of {element}", response);
                return;
            }
            catch (Exception e) when (IsLostHost(e))
            {
                retried = true;
                await HostGoneAsync(generation);
            }
        }
    }

    private async Task AcceptAsync(Guid episode)
    {
        var retried = false;
        while (true)
        {
            var (client, generation) = await ClientAsync("act-director");
            try
            {
                var handoff = await HandoffAsync(episode);
                if (retried && handoff.State != Domain.Handoffs.HandoffState.Proposed) return;
                var response = await client.PostAsync($"/api/handoffs/{handoff.Id}/accept", null);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    Acknowledge(new Step("accept", episode, null));
                    return;
                }
                if (retried && response.StatusCode == HttpStatusCode.Conflict) return;
                await UnexpectedAsync("acceptance", response);
                return;
            }
            catch (Exception e) when (IsLostHost(e))
            {
                retried = true;
                await HostGoneAsync(generation);
            }
        }
    }

    /// <summary>The id of the open task of <paramref name="element"/>, from the actor's « Mes tâches », as a screen would find it.</summary>
    private async Task<Guid> OpenTaskAsync(HttpClient client, Guid episode, string element)
    {
        var deadline = DateTime.UtcNow + StepDeadline;
        while (true)
        {
            var changed = await NextChangeAsync();
            var tasks = await client.GetFromJsonAsync<JsonElement>("/api/tasks/mine");
            foreach (var task in tasks.EnumerateArray())
                if (task.GetProperty("episodeId").GetGuid() == episode && task.GetProperty("elementId").GetString() == element)
                    return task.GetProperty("id").GetGuid();
            await LookAgainAsync(changed, deadline, $"The task {element} of episode {episode} never appeared.");
        }
    }

    private async Task<HumanTaskStatus?> TaskStatusAsync(Guid episode, string element)
    {
        await using var db = await database.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var key = episode.ToString();
        var statuses = await db.Tasks.AsNoTracking().Where(t => t.BusinessKey == key && t.ElementId == element).Select(t => t.Status).ToListAsync();
        return statuses.Count == 0 ? null : statuses.Contains(HumanTaskStatus.Completed) ? HumanTaskStatus.Completed : statuses[0];
    }

    /// <summary>The handoff proposed for <paramref name="episode"/>, once the host has written it.</summary>
    private async Task<Domain.Handoffs.Handoff> HandoffAsync(Guid episode)
    {
        var deadline = DateTime.UtcNow + StepDeadline;
        while (true)
        {
            var changed = await NextChangeAsync();
            using (var scope = database.Services.CreateScope())
            {
                var handoff = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Handoffs.AsNoTracking().SingleOrDefaultAsync(h => h.EpisodeId == episode);
                if (handoff is not null) return handoff;
            }
            await LookAgainAsync(changed, deadline, $"No handoff was proposed for episode {episode}.");
        }
    }

    /// <summary>
    /// On PostgreSQL, what completes once there may be something new to see, to be taken before a look at what the hosts wrote:
    /// their next live update (a host announces each commit that changes a pathway, the step that opens a task and the handoff
    /// its event writes in the background included) or the next host coming up (a host killed between a commit and its
    /// announcement never makes it). Null on SQLite.
    /// </summary>
    private async Task<Task?> NextChangeAsync()
    {
        if (await database.ChangesAsync() is not { } changes) return null;
        Task host;
        lock (_hosts) host = _hostChanged.Task;
        return Task.WhenAny(changes.Next, host).Unwrap();
    }

    /// <summary>
    /// Waits until it is worth looking again: on PostgreSQL until <paramref name="changed"/> (see NextChangeAsync); on SQLite,
    /// where a host's commit reaches no other process, 50 ms: the one fixed wait left, as nothing else can tell. Fails with
    /// <paramref name="failure"/> past <paramref name="deadline"/>.
    /// </summary>
    private static async Task LookAgainAsync(Task? changed, DateTime deadline, string failure)
    {
        if (DateTime.UtcNow > deadline) Assert.Fail(failure);
        if (changed is null)
        {
            await Task.Delay(50);
            return;
        }
        try
        {
            await changed.WaitAsync(Remaining(deadline));
        }
        catch (TimeoutException)
        {
            Assert.Fail(failure);
        }
    }

    private void Acknowledge(Step step)
    {
        Acknowledged.Enqueue(step);
        Interlocked.Increment(ref _acknowledged);
        Interlocked.Exchange(ref _acknowledgement, new(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
    }

    private async Task UnexpectedAsync(string what, HttpResponseMessage response) =>
        Unexpected.Enqueue($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

    /// <summary>The actor's client on the host that is up, signed in there (waits while no host is up).</summary>
    private async Task<(HttpClient Client, int Generation)> ClientAsync(string actor)
    {
        while (true)
        {
            Task<(HostProcess Host, int Generation)> up;
            lock (_hosts) up = _up.Task;
            var (host, generation) = await up.WaitAsync(StepDeadline);
            var client = _clients.GetOrAdd($"{generation}:{actor}", _ => new Lazy<Task<HttpClient>>(() => host.SignedInAsync(actor, HostDatabase.Password)));
            try
            {
                return (await client.Value, generation);
            }
            catch (Exception e) when (IsLostHost(e))
            {
                _clients.TryRemove($"{generation}:{actor}", out _);
                await HostGoneAsync(generation);
            }
        }
    }

    /// <summary>Waits until a host newer than <paramref name="generation"/> is up.</summary>
    private async Task HostGoneAsync(int generation)
    {
        Interlocked.Increment(ref _lost);
        var deadline = DateTime.UtcNow + StepDeadline;
        while (true)
        {
            Task<(HostProcess Host, int Generation)> up;
            Task changed;
            lock (_hosts) (up, changed) = (_up.Task, _hostChanged.Task);
            if (up.IsCompleted && up.Result.Generation > generation) return;
            try
            {
                // Still the lost host's: wait for HostDown to publish the next one; otherwise for the next one to come up.
                await (up.IsCompleted ? changed : up).WaitAsync(Remaining(deadline));
            }
            catch (TimeoutException)
            {
                Assert.Fail($"No host came back after generation {generation}.");
            }
        }
    }

    /// <summary>What is left until <paramref name="deadline"/>, none once it is past.</summary>
    private static TimeSpan Remaining(DateTime deadline) => TimeSpan.FromTicks(Math.Max(0, (deadline - DateTime.UtcNow).Ticks));

    /// <summary>The host stopped answering (killed): the request may or may not have been applied.</summary>
    private static bool IsLostHost(Exception e) => e is HttpRequestException { StatusCode: null } or TaskCanceledException or IOException;
}
