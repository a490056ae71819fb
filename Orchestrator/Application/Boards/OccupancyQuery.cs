using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Boards;

/// <summary>Places used and waiting list by structure: counts only, so coordinators of any structure may read them.</summary>
public sealed record OccupancyQuery(string? Department = null) : IRequest<IReadOnlyList<StructureOccupancy>>;

public sealed record StructureOccupancy(Guid Id, string Name, string Device, string Department, string City, int Capacity, int Occupied,
    int Waiting, IReadOnlyList<SiteCapacity> Sites);

public sealed record SiteCapacity(string Name, string City, int Capacity, int Occupied);

public sealed class OccupancyHandler(OrchestratorDbContext db, CurrentStaff current) : IRequestHandler<OccupancyQuery, IReadOnlyList<StructureOccupancy>>
{
    public async Task<IReadOnlyList<StructureOccupancy>> Handle(OccupancyQuery request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.Coordinator, StaffRole.Director, StaffRole.Administrator, StaffRole.RegionalViewer, StaffRole.Doctor,
            StaffRole.Psychiatrist, StaffRole.Nurse, StaffRole.SocialWorker, StaffRole.Referent);
        var structures = await db.Structures.AsNoTracking().Include(s => s.Sites)
            .Where(s => request.Department == null || s.Department == request.Department).ToListAsync(cancellationToken);
        var bySite = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Active && e.Stage == EpisodeStage.Stay && e.SiteId != null)
            .GroupBy(e => e.SiteId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count, cancellationToken);
        var counts = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Active)
            .GroupBy(e => new { e.StructureId, e.Stage }).Select(g => new { g.Key.StructureId, g.Key.Stage, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return structures.Where(s => s.Type.RunsPathways()).OrderBy(s => s.Department).ThenBy(s => s.Name).Select(s => new StructureOccupancy(
            s.Id, s.Name, s.Type.Label(), s.Department, s.City, s.Capacity,
            counts.Where(c => c.StructureId == s.Id && c.Stage == EpisodeStage.Stay).Sum(c => c.Count),
            counts.Where(c => c.StructureId == s.Id && c.Stage == EpisodeStage.Entry).Sum(c => c.Count),
            s.Sites.Select(x => new SiteCapacity(x.Name, x.City, x.Capacity, bySite.GetValueOrDefault(x.Id))).ToList())).ToList();
    }
}
