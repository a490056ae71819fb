namespace Orchestrator.Domain.People;

/// <summary>
/// Civil identity, restricted to the person's care team. Every field is optional: people without a stable
/// identity (aliases, no date of birth) must still be supported.
/// </summary>
public sealed class PersonIdentity
{
    public Guid PersonId { get; init; }
    public string? LastName { get; set; }
    public string? FirstName { get; set; }
    public string? UsedName { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? BirthPlace { get; set; }
    public string? Phone { get; set; }
}
