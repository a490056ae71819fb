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
}
