namespace Orchestrator.Domain.Outbox;

/// <summary>
/// Work a domain transition owes to the rest of the system (the engine's message step, the receiving episode), written in
/// the same transaction as the transition and completed, once, by the domain outbox dispatcher, also after a crash.
/// <see cref="Kind"/> and <see cref="SubjectId"/> together are unique: the same work is never owed twice.
/// </summary>
public sealed class DomainOutboxEntry
{
    /// <summary>The entry's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>What is owed: one of <see cref="DomainOutboxKinds"/>.</summary>
    public required string Kind { get; init; }
    /// <summary>What it is about (the handoff's id).</summary>
    public Guid SubjectId { get; init; }
    /// <summary>When the work became owed (UTC), in the transition's transaction.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Not to be tried before this instant (UTC); pushed back after each failed attempt.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }
    /// <summary>A node that claimed the entry owns it until this instant; one that died loses it then.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    /// <summary>The node that holds the claim (see <see cref="ClaimedUntil"/>); null when unclaimed.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>When the work was done (UTC); null until then.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Set when every attempt failed: an alert said so, and an administrator's retry is needed.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    /// <summary>The last attempt's failure, for the administrator; null when none failed.</summary>
    public string? LastError { get; set; }

    /// <summary>Work due now.</summary>
    public static DomainOutboxEntry Owe(string kind, Guid subjectId, DateTimeOffset at) =>
        new() { Kind = kind, SubjectId = subjectId, CreatedAt = at, NextAttemptAt = at };
}

/// <summary>The kinds of work the domain outbox carries.</summary>
public static class DomainOutboxKinds
{
    /// <summary>Deliver a handoff's answer to the sending pathway, as its message.</summary>
    public const string DeliverHandoffAnswer = "handoff.deliver-answer";

    /// <summary>Open the person's episode in the structure that accepted them.</summary>
    public const string OpenReceivingEpisode = "handoff.open-receiving-episode";
}
