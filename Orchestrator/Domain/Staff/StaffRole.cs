namespace Orchestrator.Domain.Staff;

/// <summary>A staff member's function, which decision rights read (<c>Application/Security/DecisionRights.cs</c>).</summary>
public enum StaffRole
{
    /// <summary>Configures the region (structures, staff, definitions); belongs to no structure.</summary>
    Administrator,
    /// <summary>Coordinates a structure's team and its pathways.</summary>
    Coordinator,
    /// <summary>Directs a structure: takes the admission and exit decisions the regulations give the director.</summary>
    Director,
    /// <summary>Follows the people they are referent of.</summary>
    Referent,
    /// <summary>A doctor of the structure: medical opinions, care staff.</summary>
    Doctor,
    /// <summary>A nurse of the structure: care staff.</summary>
    Nurse,
    /// <summary>A social worker of the structure (task role <c>social-worker</c>).</summary>
    SocialWorker,
    /// <summary>Reads regional, aggregated figures only; belongs to no structure (task role <c>regional-viewer</c>).</summary>
    RegionalViewer,
    /// <summary>A doctor of the structure with the psychiatry speciality: gives the binding opinion of CASF D312-154-1 and any doctor task.</summary>
    Psychiatrist,
}
