using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.People;
using Orchestrator.Application.Tasks;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.Boards;

/// <summary>The risk board: unresolved alerts of the caller's own team (<see cref="CareTeam.OwnEpisodeIds"/>), overdue and severe first.</summary>
public sealed record ListAlertsQuery(string? Department = null, Guid? StructureId = null, DeviceType? Device = null, string? Type = null,
    bool IncludeResolved = false) : IRequest<IReadOnlyList<AlertView>>;

/// <summary>
/// "Mes tâches": open tasks of the people the caller follows or whose team they are in that their function may complete, and for a
/// coordinator, read-only, every other task of the structure (<see cref="DecisionRights"/>); overdue first.
/// </summary>
public sealed record ListMyTasksQuery : IRequest<IReadOnlyList<TaskView>>;

/// <summary>Handoffs proposed to the caller's structure (or its type) and still waiting for an answer.</summary>
public sealed record ListIncomingHandoffsQuery : IRequest<IReadOnlyList<HandoffView>>;

/// <summary>Handles <see cref="ListAlertsQuery"/>, <see cref="ListMyTasksQuery"/>, <see cref="ListIncomingHandoffsQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class BoardQueryHandlers(OrchestratorDbContext db, IDbContextFactory<WorkflowDbContext> workflowDb, CurrentStaff current,
    CareTeam careTeam, TimeProvider clock)
    : IRequestHandler<ListAlertsQuery, IReadOnlyList<AlertView>>, IRequestHandler<ListMyTasksQuery, IReadOnlyList<TaskView>>,
      IRequestHandler<ListIncomingHandoffsQuery, IReadOnlyList<HandoffView>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertView>> Handle(ListAlertsQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        var own = careTeam.OwnEpisodeIds(staff);
        var query = db.Alerts.AsNoTracking().Where(a => own.Contains(a.EpisodeId));
        if (!request.IncludeResolved) query = query.Where(a => a.State != AlertState.Resolved);
        // Every filter runs in the database: a region's years of alerts are never loaded to be thrown away.
        query = AlertFilters.Filter(db, query, request.Department, request.StructureId, request.Device, request.Type);
        var now = clock.GetUtcNow();
        var alerts = await AlertFilters.InBoardOrder(query, now).ToListAsync(cancellationToken);
        var structures = await db.Structures.AsNoTracking().ToDictionaryAsync(x => x.Id, cancellationToken);
        var pseudonyms = await Pseudonyms(alerts.Select(a => a.PersonId), cancellationToken);
        return alerts.Select(a => Views.Alert(a, pseudonyms[a.PersonId], structures[a.StructureId], now)).ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TaskView>> Handle(ListMyTasksQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        var visible = careTeam.VisiblePersonIds(staff);
        var episodes = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Active && visible.Contains(e.PersonId))
            .Select(e => new { e.Id, e.PersonId, e.ReferentId, e.StructureId }).ToListAsync(cancellationToken);
        var byKey = episodes.ToDictionary(e => e.Id.ToString());
        var tasks = await workflowDb.OfEpisodesAsync(episodes.Select(e => e.Id), cancellationToken);
        var deputies = await db.Structures.AsNoTracking().Where(s => s.DeputyDirectorId != null).ToDictionaryAsync(s => s.Id, s => s.DeputyDirectorId, cancellationToken);
        // Each task the caller may complete; for a coordinator also, read-only, the other functions' tasks they supervise.
        var mine = tasks.Select(t => (Task: t, Decision: DecisionRights.Decide(staff, t.Role, byKey[t.BusinessKey!].StructureId, byKey[t.BusinessKey!].ReferentId,
                deputies.GetValueOrDefault(byKey[t.BusinessKey!].StructureId))))
            .Where(x => x.Decision.Right != TaskRight.None).ToList();
        var pseudonyms = await Pseudonyms(episodes.Select(e => e.PersonId), cancellationToken);
        var now = clock.GetUtcNow();
        return mine.Select(x => Views.Task(x.Task, byKey[x.Task.BusinessKey!].PersonId, pseudonyms[byKey[x.Task.BusinessKey!].PersonId], now, x.Decision))
            .OrderByDescending(t => t.Overdue).ThenBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HandoffView>> Handle(ListIncomingHandoffsQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staff.StructureId, cancellationToken);
        if (structure is null) return [];
        var handoffs = await db.Handoffs.AsNoTracking()
            .Where(h => h.State == HandoffState.Proposed && (h.TargetStructureId == structure.Id || (h.TargetStructureId == null && h.TargetDevice == structure.Type)))
            .Where(h => !db.HandoffRefusals.Any(r => r.HandoffId == h.Id && r.StructureId == structure.Id))
            .OrderBy(h => h.AnswerDueAt).ToListAsync(cancellationToken);
        // Outside the care team the receiver sees what it needs to decide, not the record: who orients, why, when, the summary
        // the person agreed to share, the birth year and sex — no pseudonym, no notes, no answers of the sending pathway.
        var from = await db.Structures.AsNoTracking().Where(s => handoffs.Select(h => h.FromStructureId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var people = (await db.People.AsNoTracking().Where(p => handoffs.Select(h => h.PersonId).Contains(p.Id))
            .Select(p => new { p.Id, p.Sex, p.BirthYear }).ToListAsync(cancellationToken))
            .ToDictionary(p => p.Id, p => Describe(p.Sex, p.BirthYear));
        return handoffs.Select(h => new HandoffView(h.Id, h.EpisodeId, h.TargetType, null, h.State.ToString(), h.ProposedAt, h.AnswerDueAt, null)
        {
            From = from.GetValueOrDefault(h.FromStructureId), Reason = h.Reason, ExpectedAt = h.ExpectedAt, SharedSummary = h.SharedSummary,
            Person = people.GetValueOrDefault(h.PersonId),
        }).ToList();
    }

    /// <summary>« femme, née en 1971 », « homme », « né(e) en 1980 », or null when neither is known.</summary>
    private static string? Describe(string? sex, int? birthYear)
    {
        var parts = new List<string>();
        if (sex is "F") parts.Add("femme");
        if (sex is "M") parts.Add("homme");
        if (birthYear is { } year) parts.Add($"{(sex switch { "F" => "née", "M" => "né", _ => "né(e)" })} en {year}");
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private Task<Dictionary<Guid, string>> Pseudonyms(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return db.People.AsNoTracking().Where(p => list.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Pseudonym, ct);
    }
}
