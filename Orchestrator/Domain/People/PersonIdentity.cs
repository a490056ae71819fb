namespace Orchestrator.Domain.People;

/// <summary>
/// Civil identity, restricted to the person's care team. Every field is optional: people without a stable
/// identity (aliases, no date of birth) must still be supported.
/// </summary>
public sealed class PersonIdentity
{
    /// <summary>The <see cref="Person"/> this identity belongs to (one identity per person).</summary>
    public Guid PersonId { get; init; }
    /// <summary>Birth name; null when unknown.</summary>
    public string? LastName { get; set; }
    /// <summary>First name; null when unknown.</summary>
    public string? FirstName { get; set; }
    /// <summary>The name the person goes by (an alias, a married name); null when none.</summary>
    public string? UsedName { get; set; }
    /// <summary>Date of birth (calendar date, no time zone); null when unknown.</summary>
    public DateOnly? BirthDate { get; set; }
    /// <summary>Place of birth as given; null when unknown.</summary>
    public string? BirthPlace { get; set; }
    /// <summary>Phone number as given; null when none.</summary>
    public string? Phone { get; set; }
}
