using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Outbox;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Outbox;

/// <summary>
/// Completes the work domain transitions write into <c>domain_outbox</c> in their own transaction (a handoff answer's
/// message to the sending pathway, the receiving episode). Each entry is claimed by one node with a conditional update,
/// done by work that is safe to repeat, then marked complete; entries left by a node that died are taken up once its claim
/// lapses (<see cref="ClaimLease"/>), and at every start. Work that keeps failing is retried after 1, 5 and 30 minutes,
/// then raises an alert on the sending episode naming the person's pseudonym and both structures.
/// </summary>
public sealed partial class DomainOutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DomainOutboxDispatcher> logger)
{
    /// <summary>Delays before the 2nd, 3rd and 4th attempts.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    /// <summary>How many times an entry's work is run at once when it keeps losing races, before it counts as a failed attempt.</summary>
    public const int LostRaceAttempts = 3;

    /// <summary>
    /// How long a node owns an entry it claimed: short, because the work is safe to run again (a second run finds it done, or loses
    /// its race and retries), while a node killed mid-work leaves its claim to lapse before another node takes the work up. On a
    /// database shared by several nodes, that lapse is how long a handoff answer waits after such a crash.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(20);

    private readonly string _node = $"{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Hosting.WakeSignal _wake = new(clock);

    /// <summary>
    /// Fault injection for the crash tests: runs after an entry's work committed and before the entry is marked complete,
    /// where a process killed at that instant would stop.
    /// </summary>
    internal Func<DomainOutboxEntry, Task>? AfterWorkBeforeCompletion { get; set; }

    /// <summary>Wakes the background loop: work was just committed.</summary>
    public void Signal() => _wake.Signal();

    /// <summary>
    /// Runs a pass at start, then after each <see cref="Signal"/>, at the instant the pass returned (see <see cref="NextDueAsync"/>) or
    /// after <paramref name="period"/>, whichever comes first, until stopped.
    /// </summary>
    public Task RunAsync(Func<CancellationToken, Task<DateTimeOffset?>> pass, TimeSpan period, ILogger logger, string what, CancellationToken stoppingToken) =>
        _wake.RunAsync(pass, period, logger, what, stoppingToken);

    /// <summary>
    /// When the earliest entry still owed falls due (UTC): its next attempt, or the lapse of the claim a node holds on it, whichever
    /// is later; null when nothing is owed. The background loop wakes then, so a retry or a dead node's lapsed claim is taken up on
    /// time rather than at the next poll.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Few rows (work owed right now), read whole: SQLite cannot order instants with offsets.
        var owed = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().DomainOutbox.AsNoTracking()
            .Where(o => o.CompletedAt == null && o.FailedAt == null).Select(o => new { o.NextAttemptAt, o.ClaimedUntil }).ToListAsync(ct);
        return owed.Count == 0 ? null : owed.Min(o => o.ClaimedUntil is { } claimed && claimed > o.NextAttemptAt ? claimed : o.NextAttemptAt);
    }

    /// <summary>
    /// Releases the claims an earlier run of this host left when it was killed mid-work, when this host owns its database alone
    /// (<see cref="OrchestratorDbContext.HasOneNode"/>): their work is then taken up at start, not after <see cref="ClaimLease"/>.
    /// On a shared database another node may hold them alive; they lapse with their lease. Returns how many were released.
    /// </summary>
    public async Task<int> ReleaseClaimsOfEarlierRunAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        if (!db.HasOneNode) return 0;
        return await db.DomainOutbox.Where(o => o.CompletedAt == null && o.ClaimedUntil != null)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null), ct);
    }

    /// <summary>Does every entry due now that no other node holds; returns how many were completed.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken ct = default)
    {
        var done = 0;
        var tried = new HashSet<Guid>();
        while (true)
        {
            var now = clock.GetUtcNow();
            List<Guid> due;
            await using (var scope = scopes.CreateAsyncScope())
                due = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().DomainOutbox
                    .Where(o => o.CompletedAt == null && o.FailedAt == null && o.NextAttemptAt <= now && (o.ClaimedUntil == null || o.ClaimedUntil < now))
                    // Oldest first; for one answer, the message to the sending pathway before the receiving episode.
                    .OrderBy(o => o.CreatedAt).ThenBy(o => o.Kind).Select(o => o.Id).Take(20).ToListAsync(ct);
            due.RemoveAll(id => !tried.Add(id)); // one attempt per entry and pass
            if (due.Count == 0) return done;
            foreach (var id in due)
                if (await ProcessAsync(id, ct)) done++;
        }
    }

    private async Task<bool> ProcessAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var now = clock.GetUtcNow();
        var claimed = await db.DomainOutbox
            .Where(o => o.Id == id && o.CompletedAt == null && o.FailedAt == null && (o.ClaimedUntil == null || o.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.ClaimedUntil, now + ClaimLease).SetProperty(o => o.ClaimedBy, _node), ct);
        if (claimed == 0) return false;
        var entry = await db.DomainOutbox.AsNoTracking().SingleAsync(o => o.Id == id, ct);
        try
        {
            // The work runs in scopes of its own, as the orchestrator (not as whoever answered). A race it lost (the sending pathway
            // stepping at the same moment) is tried again at once on the fresh state, a few times, before it counts as a failed
            // attempt and waits a minute.
            for (var attempt = 1; ; attempt++)
                try
                {
                    await scope.ServiceProvider.GetRequiredService<HandoffAnswerWork>().RunAsync(entry, ct);
                    if (AfterWorkBeforeCompletion is { } fault) await fault(entry);
                    break;
                }
                catch (Exception e) when (attempt < LostRaceAttempts && Messaging.ConcurrentChangeException.IsLostRace(e))
                {
                    LogLostRace(logger, entry.Kind, entry.SubjectId, attempt);
                }
        }
        catch (Exception e) when (e is not OperationCanceledException and not SimulatedCrashException)
        {
            await FailedAsync(db, entry, e);
            return false;
        }
        await db.DomainOutbox.Where(o => o.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.CompletedAt, clock.GetUtcNow()).SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        return true;
    }

    private async Task FailedAsync(OrchestratorDbContext db, DomainOutboxEntry entry, Exception e)
    {
        var now = clock.GetUtcNow();
        var attempts = entry.Attempts + 1;
        var error = e.GetBaseException().Message is var m && m.Length > 500 ? m[..500] : e.GetBaseException().Message;
        if (attempts <= RetryDelays.Count)
        {
            LogWillRetry(logger, e, entry.Kind, entry.SubjectId, now + RetryDelays[attempts - 1]);
            await db.DomainOutbox.Where(o => o.Id == entry.Id).ExecuteUpdateAsync(u => u
                .SetProperty(o => o.Attempts, attempts).SetProperty(o => o.LastError, error)
                .SetProperty(o => o.NextAttemptAt, now + RetryDelays[attempts - 1]).SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            return;
        }
        LogGivenUp(logger, e, entry.Kind, entry.SubjectId, attempts);
        var tracked = await db.DomainOutbox.SingleAsync(o => o.Id == entry.Id, CancellationToken.None);
        tracked.Attempts = attempts;
        tracked.LastError = error;
        tracked.FailedAt = now;
        tracked.ClaimedUntil = null;
        if (await IncompleteHandoffAlertAsync(db, entry, error) is { } alert) db.Alerts.Add(alert);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>An alert on the sending episode that a handoff could not be completed, naming the pseudonym and both structures.</summary>
    private async Task<Alert?> IncompleteHandoffAlertAsync(OrchestratorDbContext db, DomainOutboxEntry entry, string error)
    {
        var handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.Id == entry.SubjectId);
        if (handoff is null) return null;
        var pseudonym = await db.People.Where(p => p.Id == handoff.PersonId).Select(p => p.Pseudonym).FirstOrDefaultAsync();
        var from = await db.Structures.Where(s => s.Id == handoff.FromStructureId).Select(s => s.Name).FirstOrDefaultAsync();
        var to = handoff.TargetStructureId is { } target ? await db.Structures.Where(s => s.Id == target).Select(s => s.Name).FirstOrDefaultAsync() : handoff.TargetType;
        var what = entry.Kind == DomainOutboxKinds.OpenReceivingEpisode ? "l'accueil n'a pas pu être ouvert" : "la réponse n'a pas pu être transmise au parcours";
        var now = clock.GetUtcNow();
        return new Alert
        {
            EpisodeId = handoff.EpisodeId, PersonId = handoff.PersonId, StructureId = handoff.FromStructureId, Type = "handoff-incomplete",
            Severity = "high", RaisedAt = now, DueAt = now,
            Message = $"Orientation de {pseudonym} de {from} vers {to} : {what} ({error}).",
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox work {Kind} for {SubjectId} lost a race with another change (attempt {Attempt}); run again")]
    private static partial void LogLostRace(ILogger logger, string kind, Guid subjectId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox work {Kind} for {SubjectId} failed; next attempt at {NextAttemptAt}")]
    private static partial void LogWillRetry(ILogger logger, Exception e, string kind, Guid subjectId, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox work {Kind} for {SubjectId} failed {Attempts} times; alert raised")]
    private static partial void LogGivenUp(ILogger logger, Exception e, string kind, Guid subjectId, int attempts);
}

/// <summary>Thrown by a fault-injection hook to stop the work as a killed process would: nothing after it runs.</summary>
public sealed class SimulatedCrashException() : Exception("Simulated crash");
