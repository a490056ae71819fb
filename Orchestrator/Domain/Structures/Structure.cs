namespace Orchestrator.Domain.Structures;

/// <summary>An establishment or service (ESSMS, hospital unit, partner) in a territory, with its sites.</summary>
public sealed class Structure
{
    /// <summary>The structure's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The structure's name as screens show it.</summary>
    public required string Name { get; set; }
    /// <summary>The kind of structure, which sets the pathway definition it runs.</summary>
    public DeviceType Type { get; set; }
    /// <summary>Département code (59, 62…): the territory coordinators and the regional viewer filter by.</summary>
    public required string Department { get; set; }
    /// <summary>The city of its main address.</summary>
    public required string City { get; set; }
    /// <summary>Where an alert's mail goes when the episode has no referent with an e-mail; null when none.</summary>
    public string? Email { get; set; }
    /// <summary>The places it operates.</summary>
    public List<Site> Sites { get; init; } = [];

    /// <summary>
    /// The member of the structure named to stand in for the director (directeur adjoint, délégation of CASF D312-176-5):
    /// they complete the director's tasks. Null when none is named.
    /// </summary>
    public Guid? DeputyDirectorId { get; set; }

    /// <summary>Authorised beds or places over all its sites.</summary>
    public int Capacity => Sites.Sum(s => s.Capacity);
}
