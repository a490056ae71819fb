using Orchestrator.Domain.Staff;

namespace Orchestrator.Application.Tasks;

/// <summary>Who may take a task of the person's team: its role, a coordinator, or the person's referent for the social side.</summary>
public static class TaskAssignment
{
    public static bool MayTake(StaffMember member, string? taskRole, bool followsPerson) =>
        taskRole is null || member.Role.TaskRole() == taskRole || member.Role == StaffRole.Coordinator
        || (followsPerson && taskRole is "social-worker" or "coordinator");
}
