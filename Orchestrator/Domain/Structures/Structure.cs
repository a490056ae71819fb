namespace Orchestrator.Domain.Structures;

/// <summary>An establishment or service (ESSMS, hospital unit, partner) in a territory, with its sites.</summary>
public sealed class Structure
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; set; }
    public DeviceType Type { get; set; }
    /// <summary>Département code (59, 62…): the territory coordinators and the regional viewer filter by.</summary>
    public required string Department { get; set; }
    public required string City { get; set; }
    public string? Email { get; set; }
    public List<Site> Sites { get; init; } = [];

    /// <summary>
    /// The member of the structure named to stand in for the director (directeur adjoint, délégation of CASF D312-176-5):
    /// they complete the director's tasks. Null when none is named.
    /// </summary>
    public Guid? DeputyDirectorId { get; set; }

    public int Capacity => Sites.Sum(s => s.Capacity);
}
