using Orchestrator.Domain.Staff;

namespace Orchestrator.Application.Security;

/// <summary>What a professional may do with one open human task.</summary>
public enum TaskRight
{
    /// <summary>Not in the task's list nor on any screen: outside the person's team, or a function that neither does nor supervises it.</summary>
    None,
    /// <summary>Shown, read-only: a coordinator supervising a task of another function of the structure.</summary>
    Supervise,
    /// <summary>Shown with its form: the caller may complete it.</summary>
    Complete,
}

/// <summary>The answer for one task: the right, and when the caller may not complete it, the function it is reserved to (French, e.g. « médecin »).</summary>
public sealed record TaskDecision(TaskRight Right, string? ReservedTo)
{
    /// <summary>« réservé au médecin », for the screens; null when the caller may complete the task.</summary>
    public string? ReservedLabel => Right == TaskRight.Complete || ReservedTo is null ? null : $"réservé au {ReservedTo}";
}

/// <summary>
/// Decision rights bound to the function: a human task's <c>orc:role</c> is a right, held only by staff of the episode's
/// structure with that function. The admission opinion and the renewal and exit decisions are the responsible doctor's,
/// the admission decision the director's (CASF D312-176-2 and D312-176-4 for LHSS and LAM); the binding opinion for
/// « Un chez-soi d'abord » a psychiatrist's (CASF D312-154-1). A psychiatrist is a doctor and may also complete doctor
/// tasks. Coordinators supervise: they see every task of their structure but complete only coordinator tasks (and tasks
/// without a role). The person's referent completes the social-worker and coordinator tasks of the people they follow.
/// Administrators and the regional viewer complete nothing and see no task. The structure's named deputy director
/// (<see cref="Domain.Structures.Structure.DeputyDirectorId"/>, a délégation of the director, CASF D312-176-5) completes
/// the director's tasks of that structure, whatever their own function.
/// The one place that answers the question: the complete-task command, the task lists and the screens all ask it.
/// </summary>
public static class DecisionRights
{
    /// <summary>
    /// The caller's right on a task of <paramref name="taskRole"/> (an <c>orc:role</c> value, null for a task without role)
    /// in an episode of <paramref name="episodeStructureId"/> whose referent is <paramref name="episodeReferentId"/>;
    /// <paramref name="deputyDirectorId"/> is that structure's named deputy director, if any.
    /// </summary>
    public static TaskDecision Decide(StaffMember member, string? taskRole, Guid episodeStructureId, Guid? episodeReferentId, Guid? deputyDirectorId = null)
    {
        var reserved = FunctionLabel(taskRole);
        if (member.Role is StaffRole.Administrator or StaffRole.RegionalViewer) return new(TaskRight.None, reserved);
        var followsPerson = episodeReferentId == member.Id;
        var ofStructure = member.StructureId == episodeStructureId && member.Role.SeesWholeStructure();
        if (!followsPerson && !ofStructure) return new(TaskRight.None, reserved);
        var namedDeputy = ofStructure && deputyDirectorId == member.Id;
        if (Holds(member.Role, taskRole, followsPerson, namedDeputy)) return new(TaskRight.Complete, null);
        return new(member.Role == StaffRole.Coordinator && ofStructure ? TaskRight.Supervise : TaskRight.None, reserved);
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> (403) naming the function the task is reserved to, unless the caller may complete it.</summary>
    public static void EnsureMayComplete(StaffMember member, string? taskRole, Guid episodeStructureId, Guid? episodeReferentId, Guid? deputyDirectorId = null)
    {
        var decision = Decide(member, taskRole, episodeStructureId, episodeReferentId, deputyDirectorId);
        if (decision.Right == TaskRight.Complete) return;
        if (member.Role is StaffRole.Administrator or StaffRole.RegionalViewer)
            throw new AccessDeniedException($"Les tâches des parcours reviennent aux équipes des structures ; celle-ci est réservée au {decision.ReservedTo ?? "personnel de la structure"}.");
        if (member.StructureId != episodeStructureId && episodeReferentId != member.Id)
            throw new AccessDeniedException("Cette tâche concerne une personne que vous ne suivez pas.");
        throw new AccessDeniedException($"Cette tâche est réservée au {decision.ReservedTo} de la structure.");
    }

    /// <summary>The functions a task's <c>orc:role</c> may name: those <see cref="Holds"/> gives to someone.</summary>
    public static readonly IReadOnlyCollection<string> TaskRoles = ["doctor", "psychiatrist", "director", "nurse", "social-worker", "coordinator", "referent"];

    /// <summary>
    /// Whether a function holds the right of a task role. The person's referent holds the social side of the people they
    /// follow; the structure's named deputy director (<paramref name="namedDeputy"/>) the director's tasks; a task of the
    /// referent goes to whoever follows the person, or to a coordinator.
    /// </summary>
    public static bool Holds(StaffRole role, string? taskRole, bool followsPerson, bool namedDeputy = false) => taskRole switch
    {
        null => true,
        "doctor" => role is StaffRole.Doctor or StaffRole.Psychiatrist,
        "psychiatrist" => role == StaffRole.Psychiatrist,
        "director" => role == StaffRole.Director || namedDeputy,
        "nurse" => role == StaffRole.Nurse,
        "social-worker" => role == StaffRole.SocialWorker || (role == StaffRole.Referent && followsPerson),
        "coordinator" => role == StaffRole.Coordinator || (role is StaffRole.Referent or StaffRole.SocialWorker && followsPerson),
        // The person's referent, whatever their function, or the coordinator who stands in for a missing referent.
        "referent" => followsPerson || role == StaffRole.Coordinator,
        _ => false,
    };

    /// <summary>The French name of the function holding a task role (« médecin », « directeur »…), null for a task without role.</summary>
    public static string? FunctionLabel(string? taskRole) => taskRole is null ? null
        : FunctionNames.GetString(taskRole, System.Globalization.CultureInfo.CurrentUICulture)
          ?? string.Format(System.Globalization.CultureInfo.CurrentCulture, FunctionNames.GetString("UnknownRole", System.Globalization.CultureInfo.CurrentUICulture)!, taskRole);

    /// <summary>The functions' names, in <c>Resources/Application/Security/DecisionRights.resx</c>.</summary>
    private static readonly System.Resources.ResourceManager FunctionNames =
        new("Orchestrator.Resources.Application.Security.DecisionRights", typeof(DecisionRights).Assembly);
}
