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

    /// <summary>The definition key (BPMN process id) the parameter belongs to.</summary>
    public required string DefinitionKey { get; init; }
    /// <summary>The parameter's name in the definition's <c>orc:parameter</c>.</summary>
    public required string Name { get; init; }
    /// <summary>The structure whose episodes use this value, or <see cref="AllStructures"/>.</summary>
    public Guid StructureId { get; init; } = AllStructures;
    /// <summary>The value, as text in the parameter's type (an ISO 8601 duration such as P15D for a duration).</summary>
    public required string Value { get; set; }
    /// <summary>When the value was last set (UTC).</summary>
    public DateTimeOffset ChangedAt { get; set; }
    /// <summary>The administrator who set it; null when not recorded.</summary>
    public Guid? ChangedBy { get; set; }
}
