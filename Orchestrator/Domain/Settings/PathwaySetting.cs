namespace Orchestrator.Domain.Settings;

/// <summary>An administrator's value for a definition's <c>orc:parameter</c>, applied to episodes started afterwards.</summary>
public sealed class PathwaySetting
{
    public required string DefinitionKey { get; init; }
    public required string Name { get; init; }
    public required string Value { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid? ChangedBy { get; set; }
}
