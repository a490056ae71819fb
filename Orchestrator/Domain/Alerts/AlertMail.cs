namespace Orchestrator.Domain.Alerts;

/// <summary>
/// The mail that tells an alert's referent about it: written in the same transaction as the alert, so it survives a
/// restart, then sent by one node at a time (<see cref="ClaimedUntil"/>), retried after each delay of the schedule, and
/// left for an administrator (<see cref="AlertMailState.DeadLetter"/>) when every attempt failed.
/// </summary>
public sealed class AlertMail
{
    /// <summary>The mail's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The alert the mail tells about.</summary>
    public Guid AlertId { get; init; }
    /// <summary>When the mail was queued (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Pending until sent, found to have no recipient, or given up after every attempt failed.</summary>
    public AlertMailState State { get; private set; } = AlertMailState.Pending;
    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; private set; }
    /// <summary>Not to be tried before this instant (UTC).</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }
    /// <summary>A node that claimed the mail owns it until this instant; a node that died loses it then.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    /// <summary>The node that holds the claim (see <see cref="ClaimedUntil"/>); null when unclaimed.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>When the relay accepted the mail (UTC); null until then.</summary>
    public DateTimeOffset? SentAt { get; private set; }
    /// <summary>The relay's last refusal, for the administrator.</summary>
    public string? LastError { get; private set; }

    /// <summary>A mail due now for an alert just raised.</summary>
    public static AlertMail For(Guid alertId, DateTimeOffset at) => new() { AlertId = alertId, CreatedAt = at, NextAttemptAt = at };

    /// <summary>The relay took it.</summary>
    public void Sent(DateTimeOffset at)
    {
        if (State != AlertMailState.Pending) throw new DomainException("Ce courriel n'est plus en attente d'envoi.");
        Attempts++;
        State = AlertMailState.Sent;
        SentAt = at;
        ClaimedUntil = null;
    }

    /// <summary>The relay refused it: tried again after the next delay of <paramref name="retryDelays"/>, or dead-lettered after the last.</summary>
    public void Failed(DateTimeOffset at, string error, IReadOnlyList<TimeSpan> retryDelays)
    {
        if (State != AlertMailState.Pending) throw new DomainException("Ce courriel n'est plus en attente d'envoi.");
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        ClaimedUntil = null;
        if (Attempts > retryDelays.Count) State = AlertMailState.DeadLetter;
        else NextAttemptAt = at + retryDelays[Attempts - 1];
    }

    /// <summary>There is no one to mail (no referent address, no structure address): nothing to retry.</summary>
    public void NoRecipient(DateTimeOffset at)
    {
        if (State != AlertMailState.Pending) throw new DomainException("Ce courriel n'est plus en attente d'envoi.");
        State = AlertMailState.NoRecipient;
        SentAt = at;
        ClaimedUntil = null;
    }

    /// <summary>An administrator sends a dead-lettered mail again, now, with a fresh schedule of retries.</summary>
    public void Retry(DateTimeOffset at)
    {
        if (State != AlertMailState.DeadLetter) throw new DomainException("Seul un courriel en échec définitif peut être renvoyé.");
        State = AlertMailState.Pending;
        Attempts = 0;
        NextAttemptAt = at;
    }
}

/// <summary>Where an alert's mail stands.</summary>
public enum AlertMailState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,
    /// <summary>Taken by the relay.</summary>
    Sent,
    /// <summary>Nobody to send it to; nothing sent.</summary>
    NoRecipient,
    /// <summary>Every attempt failed; an administrator may send it again.</summary>
    DeadLetter,
}
