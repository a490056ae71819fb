namespace Orchestrator.Domain.Structures;

/// <summary>A place a structure operates, with its authorised beds or places.</summary>
public sealed class Site
{
    /// <summary>The site's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The structure operating the site.</summary>
    public Guid StructureId { get; set; }
    /// <summary>The site's name.</summary>
    public required string Name { get; set; }
    /// <summary>The city it is in.</summary>
    public required string City { get; set; }
    /// <summary>Authorised beds or places on the site.</summary>
    public int Capacity { get; set; }
}
