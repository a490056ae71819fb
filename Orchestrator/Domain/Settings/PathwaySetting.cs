namespace Orchestrator.Domain.Settings;

/// <summary>
/// An administrator's value for a definition's <c>orc:parameter</c>, applied to episodes started afterwards: for every
/// structure running the definition (<see cref="StructureId"/> is <see cref="AllStructures"/>), or for one structure,
/// whose value then overrides the regional one for its own episodes.
/// </summary>
public sealed class PathwaySetting
{
    /// <summary>The <see cref="StructureId"/> of a value that holds for every structure.</summary>
    public static readonly Guid AllStructures = Guid.Empty;

    public required string DefinitionKey { get; init; }
    public required string Name { get; init; }
    /// <summary>The structure whose episodes use this value, or <see cref="AllStructures"/>.</summary>
    public Guid StructureId { get; init; } = AllStructures;
    public required string Value { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid? ChangedBy { get; set; }
}
