using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Alerts;
using Orchestrator.Persistence;

namespace Orchestrator.Notifications;

/// <summary>
/// Sends the alert mails waiting in <c>alert_mails</c>. Each mail is claimed by one node with a conditional update before it is
/// sent, so two nodes never send the same mail; a claim lapses after <see cref="ClaimLease"/>, so a mail whose node died is sent
/// by another. A refused mail is tried again after 1, 5 and 30 minutes, then dead-lettered for an administrator.
/// (A node that dies between the relay's answer and the commit of "sent" leaves a mail that another node sends again:
/// SMTP offers no way to ask whether a mail was taken.)
/// </summary>
public sealed partial class AlertMailOutbox(
    IServiceScopeFactory scopes, AlertMailer mailer, TimeProvider clock, Diagnostics.DomainMetrics metrics, ILogger<AlertMailOutbox> logger)
{
    /// <summary>Delays before the 2nd, 3rd and 4th attempts.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    /// <summary>How long a node owns a mail it claimed.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    // Who holds a claim, for the administrator reading the table; the claim itself is the conditional update.
    private readonly string _node = $"{Environment.ProcessId}/{Guid.NewGuid():N}/{Environment.MachineName}" is var node && node.Length > 100 ? node[..100] : node;
    private readonly Hosting.WakeSignal _wake = new(clock);

    /// <summary>True when mail is configured (<c>Smtp:Host</c>): alerts then get a mail row.</summary>
    public bool Enabled => mailer.Enabled;

    /// <summary>Mails waiting for an attempt, as last counted by <see cref="SendDueAsync"/>.</summary>
    public long Pending { get; private set; }

    /// <summary>Wakes the background loop: work was just committed.</summary>
    public void Signal() => _wake.Signal();

    /// <summary>Runs a pass at start, then after each <see cref="Signal"/> or <paramref name="period"/>, until stopped.</summary>
    public Task RunAsync(Func<CancellationToken, Task> pass, TimeSpan period, ILogger logger, string what, CancellationToken stoppingToken) =>
        _wake.RunAsync(pass, period, logger, what, stoppingToken);

    /// <summary>
    /// Releases the claims an earlier run of this host left when it was killed mid-send, when this host owns its database alone
    /// (<see cref="OrchestratorDbContext.HasOneNode"/>): those mails are then sent at start, not after <see cref="ClaimLease"/>.
    /// Returns how many were released.
    /// </summary>
    public async Task<int> ReleaseClaimsOfEarlierRunAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        if (!db.HasOneNode) return 0;
        return await db.AlertMails.Where(m => m.State == AlertMailState.Pending && m.ClaimedUntil != null)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
    }

    /// <summary>Sends every mail due now that no other node holds; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var sent = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            List<Guid> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
                Pending = await db.AlertMails.LongCountAsync(m => m.State == AlertMailState.Pending, ct);
                due = await db.AlertMails.Where(m => m.State == AlertMailState.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                    .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(20).ToListAsync(ct);
            }
            if (due.Count == 0) return sent;
            foreach (var id in due)
                if (await SendOneAsync(id, ct)) sent++;
        }
    }

    private async Task<bool> SendOneAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var now = clock.GetUtcNow();
        var claimed = await db.AlertMails
            .Where(m => m.Id == id && m.State == AlertMailState.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, now + ClaimLease).SetProperty(m => m.ClaimedBy, _node), ct);
        if (claimed == 0) return false; // another node has it
        var mail = await db.AlertMails.SingleAsync(m => m.Id == id, ct);
        bool delivered;
        try
        {
            delivered = await mailer.SendAsync(mail.AlertId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            mail.Failed(clock.GetUtcNow(), e.Message, RetryDelays);
            if (mail.State == AlertMailState.DeadLetter) LogDeadLetter(logger, e, mail.AlertId, mail.Attempts);
            else LogWillRetry(logger, e, mail.AlertId, mail.NextAttemptAt);
            await db.SaveChangesAsync(CancellationToken.None);
            return false;
        }
        if (delivered) mail.Sent(clock.GetUtcNow());
        else mail.NoRecipient(clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None); // the relay has it: record that even if the host is stopping
        if (delivered) metrics.MailSent();
        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail of alert {AlertId} was refused; next attempt at {NextAttemptAt}")]
    private static partial void LogWillRetry(ILogger logger, Exception e, Guid alertId, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail of alert {AlertId} failed {Attempts} times; left for an administrator")]
    private static partial void LogDeadLetter(ILogger logger, Exception e, Guid alertId, int attempts);
}
