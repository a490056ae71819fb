namespace Orchestrator.Domain.Staff;

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
