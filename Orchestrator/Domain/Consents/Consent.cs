namespace Orchestrator.Domain.Consents;

/// <summary>
/// The person's agreement to share their record, read-only, with one structure outside their care team (CSP L1110-4 III):
/// for a stated purpose, for the categories it names (social, medical), until it expires or is revoked — revocation takes
/// effect at once. It never gives acting rights.
/// </summary>
public sealed class Consent
{
    /// <summary>The consent's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The person who agreed.</summary>
    public Guid PersonId { get; init; }
    /// <summary>The structure outside the care team that may read.</summary>
    public Guid RecipientStructureId { get; init; }
    /// <summary>Why the record is shared (free text, in French).</summary>
    public required string Purpose { get; init; }
    /// <summary>The staff member who recorded the consent.</summary>
    public Guid RecordedBy { get; init; }
    /// <summary>When the consent was recorded (UTC).</summary>
    public DateTimeOffset GrantedAt { get; init; }
    /// <summary>The social record is shared: the pathway, handoffs, alerts and social notes.</summary>
    public bool Social { get; init; }
    /// <summary>Medical notes are shared, with the recipient's care staff only (doctors, psychiatrists, nurses).</summary>
    public bool Medical { get; init; }
    /// <summary>The instant (UTC) from which the consent no longer lets the recipient read; exclusive.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
    /// <summary>When the consent was revoked (UTC); null while it stands.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Not revoked (expiry aside).</summary>
    public bool IsActive => RevokedAt is null;

    /// <summary>Lets the recipient read at <paramref name="now"/>: neither revoked nor expired.</summary>
    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    /// <summary>Ends the consent at once.</summary>
    /// <exception cref="DomainException">It was already revoked.</exception>
    public void Revoke(DateTimeOffset at)
    {
        if (!IsActive) throw new DomainException("Ce consentement est déjà retiré.");
        RevokedAt = at;
    }
}
