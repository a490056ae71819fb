namespace Orchestrator.Domain.People;

/// <summary>
/// A person supported, known by a pseudonym. Identity fields live in <see cref="PersonIdentity"/>, a
/// separate table read only through an audited query, so that lists and boards never carry them.
/// </summary>
public sealed class Person
{
    /// <summary>What an archived person's pseudonym becomes: reports still count them, nobody can tell who they were.</summary>
    public const string ArchivedPseudonym = "Dossier archivé";

    /// <summary>The person's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>What screens show: initials and a number, never the name.</summary>
    public required string Pseudonym { get; set; }
    /// <summary>The year of birth, from 1900 to 2100 (<see cref="IsPlausibleBirthYear"/>); null when unknown.</summary>
    public int? BirthYear { get; set; }
    /// <summary>« F », « M », or null when not recorded (<see cref="IsRecordedSex"/>).</summary>
    public string? Sex { get; set; }

    /// <summary>Whether <paramref name="sex"/> is a value the record keeps: « F », « M » or nothing.</summary>
    public static bool IsRecordedSex(string? sex) => sex is null or "F" or "M";

    /// <summary>Why a sex other than those of <see cref="IsRecordedSex"/> is refused, in French.</summary>
    public const string SexRefusal = "Sexe : F, M ou non renseigné.";

    /// <summary>Whether <paramref name="year"/> may be a year of birth the record keeps: 1900 to 2100.</summary>
    public static bool IsPlausibleBirthYear(int year) => year is >= 1900 and <= 2100;

    /// <summary>Why a year refused by <see cref="IsPlausibleBirthYear"/> is refused, in French.</summary>
    public const string BirthYearRefusal = "Année de naissance invalide.";
    /// <summary>When the record was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Since when (UTC) the person objects to any sharing of their record outside their care team (CSP L1110-4 IV: the
    /// person is informed beforehand and may object at any time); null when they do not. While set, no consent may be recorded.
    /// </summary>
    public DateTimeOffset? SharingObjectedAt { get; private set; }

    /// <summary>When (UTC) the record was archived at the end of its retention period; null while it is kept.</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    /// <summary>Records the person's objection to sharing outside the care team (the caller revokes the consents).</summary>
    /// <exception cref="DomainException">An objection is already recorded.</exception>
    public void ObjectToSharing(DateTimeOffset at)
    {
        if (SharingObjectedAt is not null) throw new DomainException("L'opposition de la personne au partage est déjà enregistrée.");
        SharingObjectedAt = at;
    }

    /// <summary>The person lifts their objection; consents revoked by it stay revoked.</summary>
    /// <exception cref="DomainException">No objection is recorded.</exception>
    public void WithdrawObjection()
    {
        if (SharingObjectedAt is null) throw new DomainException("Aucune opposition au partage n'est enregistrée.");
        SharingObjectedAt = null;
    }

    /// <summary>Archives the record: the pseudonym and birth details go, what aggregated reports count stays.</summary>
    /// <exception cref="DomainException">Already archived.</exception>
    public void Archive(DateTimeOffset at)
    {
        if (ArchivedAt is not null) throw new DomainException("Ce dossier est déjà archivé.");
        ArchivedAt = at;
        Pseudonym = ArchivedPseudonym;
        BirthYear = null;
        Sex = null;
    }
}
