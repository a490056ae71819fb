using Orchestrator.Domain.Structures;

namespace Orchestrator.Domain.Handoffs;

/// <summary>A proposal to hand the person over to a downstream structure, answered once or expired.</summary>
public sealed class Handoff
{
    /// <summary>The handoff's id; the workflow's <c>handoffId</c>, which correlates the answer message.</summary>
    public Guid Id { get; init; }
    /// <summary>Concurrency token: raised by every committed change, so two transitions that read the same state cannot both commit.</summary>
    public int Version { get; private set; }
    /// <summary>The sending episode.</summary>
    public Guid EpisodeId { get; init; }
    /// <summary>The person proposed.</summary>
    public Guid PersonId { get; init; }
    /// <summary>The sending structure.</summary>
    public Guid FromStructureId { get; init; }
    /// <summary>The form value the definition used (ACT, CHRS, pension-de-famille…).</summary>
    public required string TargetType { get; init; }
    /// <summary>The device <see cref="TargetType"/> names; null for a destination outside the directory.</summary>
    public DeviceType? TargetDevice { get; init; }
    /// <summary>The structure proposed, or the one that answered; null while any structure of the target type may answer.</summary>
    public Guid? TargetStructureId { get; private set; }
    /// <summary>Why the person is oriented, as the referent wrote it for the receiving team.</summary>
    public string? Reason { get; init; }
    /// <summary>When the person is expected at the receiving structure (UTC), if the referent said.</summary>
    public DateTimeOffset? ExpectedAt { get; init; }
    /// <summary>The summary the receiving team reads to decide, present only when the person agreed to its sending; never the record.</summary>
    public string? SharedSummary { get; init; }
    /// <summary>When the person was proposed (UTC).</summary>
    public DateTimeOffset ProposedAt { get; init; }
    /// <summary>When the answer is due (UTC), shown as the proposal's deadline; null for none.</summary>
    public DateTimeOffset? AnswerDueAt { get; init; }
    /// <summary>Where the proposal stands.</summary>
    public HandoffState State { get; private set; } = HandoffState.Proposed;
    /// <summary>When it was answered, expired or recorded as external (UTC); null while proposed.</summary>
    public DateTimeOffset? AnsweredAt { get; private set; }
    /// <summary>The receiving staff member who answered; null when nobody answered.</summary>
    public Guid? AnsweredBy { get; private set; }
    /// <summary>Why the receiving structure refused, in French; null unless refused.</summary>
    public string? RefusalReason { get; private set; }

    /// <summary>Whether a structure may answer: the one proposed, or any of the target type when none was named.</summary>
    public bool CanBeAnsweredBy(Structure structure) => TargetStructureId is { } target
        ? target == structure.Id
        : TargetDevice == structure.Type;

    /// <summary>Structure <paramref name="by"/> takes the person in, answered by <paramref name="staffId"/> at <paramref name="at"/> (UTC).</summary>
    /// <exception cref="DomainException">The proposal is no longer open, or <paramref name="by"/> may not answer it.</exception>
    public void Accept(Structure by, Guid staffId, DateTimeOffset at)
    {
        EnsureOpen(by);
        State = HandoffState.Accepted;
        TargetStructureId = by.Id;
        AnsweredAt = at;
        AnsweredBy = staffId;
    }

    /// <summary>Structure <paramref name="by"/> refuses the person, with its <paramref name="reason"/> (required), answered by <paramref name="staffId"/> at <paramref name="at"/> (UTC).</summary>
    /// <exception cref="DomainException">The proposal is no longer open, <paramref name="by"/> may not answer it, or the reason is blank.</exception>
    public void Refuse(Structure by, Guid staffId, DateTimeOffset at, string reason)
    {
        EnsureOpen(by);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Un refus d'orientation doit être motivé.");
        State = HandoffState.Refused;
        TargetStructureId = by.Id;
        AnsweredAt = at;
        AnsweredBy = staffId;
        RefusalReason = reason;
    }

    /// <summary>Whether <paramref name="by"/> already gave this very answer: repeating it changes nothing.</summary>
    public bool AlreadyAnsweredAs(Structure by, bool accept) =>
        TargetStructureId == by.Id && State == (accept ? HandoffState.Accepted : HandoffState.Refused);

    /// <summary>
    /// No structure of the directory can answer this proposal: it becomes an external orientation the referent confirms,
    /// instead of a proposal nobody sees expiring.
    /// </summary>
    /// <exception cref="DomainException">The proposal is no longer open.</exception>
    public void RecordExternal(DateTimeOffset at)
    {
        if (State != HandoffState.Proposed) throw new DomainException("Seule une orientation proposée peut devenir une orientation hors annuaire.");
        State = HandoffState.External;
        AnsweredAt = at;
    }

    /// <summary>Nobody answered in time, or the pathway stopped waiting: the proposal closes at <paramref name="at"/> (UTC). An answer already given wins: nothing changes then.</summary>
    public void Expire(DateTimeOffset at)
    {
        if (State != HandoffState.Proposed) return; // an answer that crossed the deadline wins
        State = HandoffState.Expired;
        AnsweredAt = at;
    }

    private void EnsureOpen(Structure by)
    {
        if (State != HandoffState.Proposed)
            throw new DomainException($"L'orientation n'est plus en attente de réponse : elle a été {State switch
            {
                HandoffState.Accepted => "acceptée", HandoffState.Refused => "refusée", HandoffState.Expired => "close sans réponse dans le délai",
                _ => "transformée en orientation hors annuaire",
            }}.");
        if (!CanBeAnsweredBy(by)) throw new DomainException("Cette orientation n'est pas adressée à votre structure.");
    }
}
