using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Boards;

/// <summary>
/// Places used and waiting list by structure: counts only, so coordinators of any structure may read them. For the
/// regional viewer, occupied places, waiting list and each site's occupied places from 1 to 10 are suppressed (null)
/// by <see cref="SmallCounts"/>, the sites with complementary suppression against the structure's total.
/// </summary>
public sealed record OccupancyQuery(string? Department = null) : IRequest<IReadOnlyList<StructureOccupancy>>;

/// <summary>A structure's places (<see cref="Capacity"/>), people staying (<see cref="Occupied"/>) and waiting for admission; a null count is suppressed.</summary>
public sealed record StructureOccupancy(Guid Id, string Name, string Device, string Department, string City, int Capacity, int? Occupied,
    int? Waiting, IReadOnlyList<SiteCapacity> Sites);

/// <summary>One site of a structure.</summary>
/// <param name="Name">The site's name.</param>
/// <param name="City">Its city.</param>
/// <param name="Capacity">Authorised beds or places.</param>
/// <param name="Occupied">People staying on the site now; null when suppressed for the regional viewer.</param>
public sealed record SiteCapacity(string Name, string City, int Capacity, int? Occupied);

/// <summary>Handles <see cref="OccupancyQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class OccupancyHandler(OrchestratorDbContext db, CurrentStaff current) : IRequestHandler<OccupancyQuery, IReadOnlyList<StructureOccupancy>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<StructureOccupancy>> Handle(OccupancyQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require(StaffRole.Coordinator, StaffRole.Director, StaffRole.Administrator, StaffRole.RegionalViewer, StaffRole.Doctor,
            StaffRole.Psychiatrist, StaffRole.Nurse, StaffRole.SocialWorker, StaffRole.Referent);
        var structures = await db.Structures.AsNoTracking().Include(s => s.Sites)
            .Where(s => request.Department == null || s.Department == request.Department).ToListAsync(cancellationToken);
        var bySite = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Active && e.Stage == EpisodeStage.Stay && e.SiteId != null)
            .GroupBy(e => e.SiteId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count, cancellationToken);
        var counts = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Active)
            .GroupBy(e => new { e.StructureId, e.Stage }).Select(g => new { g.Key.StructureId, g.Key.Stage, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var suppress = SmallCounts.AppliesTo(staff);
        return structures.Where(s => s.Type.RunsPathways()).OrderBy(s => s.Department).ThenBy(s => s.Name).Select(s =>
        {
            var occupied = counts.Where(c => c.StructureId == s.Id && c.Stage == EpisodeStage.Stay).Sum(c => c.Count);
            var waiting = counts.Where(c => c.StructureId == s.Id && c.Stage == EpisodeStage.Entry).Sum(c => c.Count);
            var sites = s.Sites.Select(x => bySite.GetValueOrDefault(x.Id)).ToList();
            var shownSites = suppress ? SmallCounts.SuppressParts(sites) : sites.Select(c => (int?)c).ToList();
            return new StructureOccupancy(s.Id, s.Name, s.Type.Label(), s.Department, s.City, s.Capacity,
                suppress ? SmallCounts.Suppress(occupied) : occupied, suppress ? SmallCounts.Suppress(waiting) : waiting,
                s.Sites.Select((x, i) => new SiteCapacity(x.Name, x.City, x.Capacity, shownSites[i])).ToList());
        }).ToList();
    }
}
