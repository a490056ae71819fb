using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Reports;

/// <summary>The reports the signed-in member may read (their structure's, by its device, then the regional one) and whether they write its texts.</summary>
public sealed record AvailableReportsQuery : IRequest<AvailableReports>;

/// <summary>The reports a member may read, and whether they write their structure's texts.</summary>
/// <param name="Kinds">The report kinds the member may read: their structure's, by its device, then the regional one.</param>
/// <param name="MayWriteTexts">Whether the member writes the narrative sections of their structure's reports.</param>
/// <param name="StructureId">The member's structure, whose reports <paramref name="Kinds"/> lists first; null for a member of none.</param>
public sealed record AvailableReports(IReadOnlyList<ReportKind> Kinds, Guid? StructureId, bool MayWriteTexts);

/// <summary>Handles <see cref="AvailableReportsQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class AvailableReportsHandler(OrchestratorDbContext db, CurrentStaff current) : IRequestHandler<AvailableReportsQuery, AvailableReports>
{
    /// <inheritdoc/>
    public async Task<AvailableReports> Handle(AvailableReportsQuery request, CancellationToken cancellationToken)
    {
        var member = current.Require();
        var kinds = new List<ReportKind>();
        if (member.StructureId is { } id && await db.Structures.AsNoTracking().Where(s => s.Id == id).Select(s => (Domain.Structures.DeviceType?)s.Type)
                .FirstOrDefaultAsync(cancellationToken) is { } device)
            kinds.AddRange(ReportKinds.For(device).Where(k => ReportAccess.MayRead(member, k, id)));
        if (ReportAccess.MayRead(member, ReportKind.Regional, null)) kinds.Add(ReportKind.Regional);
        return new AvailableReports(kinds, member.StructureId, member.StructureId is { } own && ReportAccess.MayWriteTexts(member, own));
    }
}
