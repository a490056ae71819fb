namespace Orchestrator.Domain.Structures;

/// <summary>A place a structure operates, with its authorised beds or places.</summary>
public sealed class Site
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid StructureId { get; set; }
    public required string Name { get; set; }
    public required string City { get; set; }
    public int Capacity { get; set; }
}
