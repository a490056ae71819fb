namespace Orchestrator.Domain.Staff;

/// <summary>A staff member's function, which decision rights read (<c>Application/Security/DecisionRights.cs</c>).</summary>
public enum StaffRole
{
    Administrator,
    Coordinator,
    Director,
    Referent,
    Doctor,
    Nurse,
    SocialWorker,
    RegionalViewer,
    /// <summary>A doctor of the structure with the psychiatry speciality: gives the binding opinion of CASF D312-154-1 and any doctor task.</summary>
    Psychiatrist,
}
