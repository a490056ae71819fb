using Orchestrator.Application.Reports;
using Orchestrator.Domain.Staff;

namespace Orchestrator.Application.Security;

/// <summary>
/// Who reads which report and who writes its texts, the one rule the report queries, the API and the report screen
/// ask. A structure's reports (aggregated but not suppressed, they describe its own activity) are read by its director
/// and coordinators; the regional version, non-nominative and suppressed, by the regional viewer, administrators,
/// directors and coordinators; the qualitative texts are written by the structure's director only (the director signs
/// the annual evaluation, CASF L312-8).
/// </summary>
public static class ReportAccess
{
    /// <summary>Whether <paramref name="member"/> reads <paramref name="kind"/> for <paramref name="structureId"/> (ignored for the regional version).</summary>
    public static bool MayRead(StaffMember member, ReportKind kind, Guid? structureId) => kind.IsPerStructure()
        ? member.Role is StaffRole.Director or StaffRole.Coordinator && member.StructureId is { } own && own == structureId
        : member.Role is StaffRole.RegionalViewer or StaffRole.Administrator or StaffRole.Director or StaffRole.Coordinator;

    /// <exception cref="AccessDeniedException">The member may not read it; the message says who may.</exception>
    public static void EnsureMayRead(StaffMember member, ReportKind kind, Guid? structureId)
    {
        if (MayRead(member, kind, structureId)) return;
        throw new AccessDeniedException(kind.IsPerStructure()
            ? "Les rapports d'une structure sont réservés à sa direction et à sa coordination."
            : "Les indicateurs régionaux sont réservés à l'observatoire régional, aux administrateurs, directions et coordinations.");
    }

    /// <summary>Whether <paramref name="member"/> writes the qualitative texts of <paramref name="structureId"/>'s reports.</summary>
    public static bool MayWriteTexts(StaffMember member, Guid structureId) => member.Role == StaffRole.Director && member.StructureId == structureId;

    /// <exception cref="AccessDeniedException">The member is not the structure's director.</exception>
    public static void EnsureMayWriteTexts(StaffMember member, Guid structureId)
    {
        if (!MayWriteTexts(member, structureId)) throw new AccessDeniedException("Seule la direction de la structure rédige les parties qualitatives du rapport.");
    }
}
