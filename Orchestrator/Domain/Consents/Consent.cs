namespace Orchestrator.Domain.Consents;

/// <summary>
/// The person's agreement to share their record with a structure outside their care team (CSP L1110-4 III),
/// for a stated purpose, revocable at any time.
/// </summary>
public sealed class Consent
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PersonId { get; init; }
    public Guid RecipientStructureId { get; init; }
    public required string Purpose { get; init; }
    public Guid RecordedBy { get; init; }
    public DateTimeOffset GrantedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public void Revoke(DateTimeOffset at)
    {
        if (!IsActive) throw new DomainException("Ce consentement est déjà retiré.");
        RevokedAt = at;
    }
}
