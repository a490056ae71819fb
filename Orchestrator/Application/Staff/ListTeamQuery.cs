using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Staff;

/// <summary>The team of the director's or coordinator's structure: who is in it and how many people each follows.</summary>
public sealed record ListTeamQuery : IRequest<IReadOnlyList<TeamMember>>;

/// <summary>A member of the team; <see cref="DeputyDirector"/> when the director named them to stand in for them.</summary>
public sealed record TeamMember(Guid Id, string DisplayName, StaffRole Role, bool Active, int Following, bool DeputyDirector = false);

/// <summary>Handles <see cref="ListTeamQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class ListTeamHandler(OrchestratorDbContext db, CurrentStaff current) : IRequestHandler<ListTeamQuery, IReadOnlyList<TeamMember>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<TeamMember>> Handle(ListTeamQuery request, CancellationToken cancellationToken)
    {
        var actor = current.Require(StaffRole.Director, StaffRole.Coordinator);
        var deputy = await db.Structures.AsNoTracking().Where(s => s.Id == actor.StructureId).Select(s => s.DeputyDirectorId).FirstOrDefaultAsync(cancellationToken);
        var members = await db.Staff.AsNoTracking().Where(s => s.StructureId == actor.StructureId)
            .Select(s => new TeamMember(s.Id, s.DisplayName, s.Role, s.Active, db.Episodes.Count(e => e.ReferentId == s.Id && e.Status == EpisodeStatus.Active), s.Id == deputy))
            .ToListAsync(cancellationToken);
        return members.OrderByDescending(m => m.Active).ThenBy(m => m.DisplayName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true)).ToList();
    }
}
