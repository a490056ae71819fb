namespace Orchestrator.Domain.People;

/// <summary>
/// A person supported, known by a pseudonym. Identity fields live in <see cref="PersonIdentity"/>, a
/// separate table read only through an audited query, so that lists and boards never carry them.
/// </summary>
public sealed class Person
{
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>What screens show: initials and a number, never the name.</summary>
    public required string Pseudonym { get; set; }
    public int? BirthYear { get; set; }
    public string? Sex { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
