namespace Orchestrator.Domain.Staff;

/// <summary>The role names BPMN tasks use (<c>orc:role</c>) and what each staff role may do.</summary>
public static class StaffRoles
{
    /// <summary>The name BPMN tasks give <paramref name="role"/> in <c>orc:role</c>: lower case, <c>social-worker</c> and <c>regional-viewer</c> hyphenated.</summary>
    public static string TaskRole(this StaffRole role) => role switch
    {
        StaffRole.SocialWorker => "social-worker",
        StaffRole.RegionalViewer => "regional-viewer",
        _ => role.ToString().ToLowerInvariant(),
    };

    /// <summary>The staff role a task's <c>orc:role</c> names; null when <paramref name="role"/> is null or names none.</summary>
    public static StaffRole? FromTaskRole(string? role) =>
        Enum.GetValues<StaffRole>().Cast<StaffRole?>().FirstOrDefault(r => r!.Value.TaskRole() == role);

    /// <summary>Care staff: the only ones who read medical notes (CSP L1110-4, strictly necessary information).</summary>
    public static bool IsCareStaff(this StaffRole role) => role is StaffRole.Doctor or StaffRole.Psychiatrist or StaffRole.Nurse;

    /// <summary>Members of a structure's care team who see every person the structure supports.</summary>
    public static bool SeesWholeStructure(this StaffRole role) =>
        role is StaffRole.Coordinator or StaffRole.Director or StaffRole.Doctor or StaffRole.Psychiatrist or StaffRole.Nurse or StaffRole.SocialWorker;
}
