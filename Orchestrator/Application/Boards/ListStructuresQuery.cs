using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Boards;

/// <summary>The directory of structures (pathway devices and downstream partners), for choosing a recipient.</summary>
public sealed record ListStructuresQuery : IRequest<IReadOnlyList<StructureEntry>>;

/// <summary>One structure of the directory.</summary>
/// <param name="Id">The structure's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Device">Its kind's French label (« LHSS », « CHRS »…).</param>
/// <param name="Department">Its département code (59, 62…).</param>
/// <param name="City">Its city.</param>
public sealed record StructureEntry(Guid Id, string Name, string Device, string Department, string City)
{
    /// <summary>The structure's kind, for screens that adapt to it (the referrers a device accepts…).</summary>
    public DeviceType Type { get; init; }
}

/// <summary>Handles <see cref="ListStructuresQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class ListStructuresHandler(OrchestratorDbContext db, CurrentStaff current) : IRequestHandler<ListStructuresQuery, IReadOnlyList<StructureEntry>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<StructureEntry>> Handle(ListStructuresQuery request, CancellationToken cancellationToken)
    {
        current.Require();
        return (await db.Structures.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(s => s.Department).ThenBy(s => s.Name)
            .Select(s => new StructureEntry(s.Id, s.Name, s.Type.Label(), s.Department, s.City) { Type = s.Type }).ToList();
    }
}
