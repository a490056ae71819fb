using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.Boards;

/// <summary>
/// One page of the coordinator dashboard (« Tous les épisodes »): the active episodes of the caller's own team
/// (<see cref="CareTeam.OwnEpisodeIds"/>), of the structure and stage asked for, soonest next deadline first (none last, then by
/// episode id so a page never shuffles). The next deadline is an open task's, or one the pathway keeps before any task exists (a named
/// timer such as « Fin de période proche »), whichever comes first. <paramref name="Page"/> counts from 0; <paramref name="PageSize"/>
/// is 1 to 200 rows.
/// </summary>
public sealed record ListEpisodesQuery(Guid? StructureId = null, EpisodeStage? Stage = null, int Page = 0, int PageSize = 25)
    : IRequest<EpisodePage>;

/// <summary>
/// A page of the dashboard, how many episodes the filters keep in all (<paramref name="Total"/>), and how many active episodes the team
/// has at each stage (<paramref name="Stages"/>, keyed by <see cref="EpisodeStage"/> name, within the structure filter but not the
/// stage one: the counters above the list stay put while a stage is picked).
/// </summary>
public sealed record EpisodePage(IReadOnlyList<EpisodeRow> Items, int Total, IReadOnlyDictionary<string, int> Stages);

/// <summary>
/// An active episode on the dashboard: who (pseudonym), where, the stage (<see cref="EpisodeStage"/> name), the referent if named, when
/// it was requested and admitted (UTC), the next deadline's name and time (UTC, null when nothing is due) and its unresolved alerts.
/// </summary>
public sealed record EpisodeRow(Guid Id, Guid PersonId, string Pseudonym, string Structure, string Device, string Stage, string? Referent,
    DateTimeOffset RequestedAt, DateTimeOffset? AdmittedAt, string? NextDeadline, DateTimeOffset? NextDeadlineAt, int OpenAlerts);

/// <summary>What <see cref="ListEpisodesQuery"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class ListEpisodesQueryValidator : AbstractValidator<ListEpisodesQuery>
{
    /// <summary>Declares the rules of <see cref="ListEpisodesQuery"/>.</summary>
    public ListEpisodesQueryValidator()
    {
        // The risk board's bounds and words: both pagers behave alike.
        RuleFor(q => q.Stage).IsInEnum().OverridePropertyName("stage").WithMessage("Cette étape n'existe pas.");
        RuleFor(q => q.Page).GreaterThanOrEqualTo(0).OverridePropertyName("page").WithMessage("Les pages se comptent à partir de 0.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200).OverridePropertyName("pageSize").WithMessage("Une page compte de 1 à 200 lignes.");
        // The rows skipped must be countable: a page far past the end would otherwise wrap round to the first rows.
        RuleFor(q => q.Page).Must((q, page) => (long)page * q.PageSize <= AlertBoardQueryValidator.MaxRowsSkipped).OverridePropertyName("page")
            .WithMessage($"Cette page est trop loin : au plus {AlertBoardQueryValidator.MaxRowsSkipped:N0} lignes avant elle.");
    }
}

/// <summary>Handles <see cref="ListEpisodesQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class ListEpisodesQueryHandler(OrchestratorDbContext db, IDbContextFactory<WorkflowDbContext> workflowDb, CurrentStaff current,
    CareTeam careTeam, Workflows.Engine.WorkflowEngine engine) : IRequestHandler<ListEpisodesQuery, EpisodePage>
{
    /// <inheritdoc/>
    public async Task<EpisodePage> Handle(ListEpisodesQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        // The team's own episodes only: a consent lets a structure read a record, never puts the other team's work in its lists.
        var own = careTeam.OwnEpisodeIds(staff);
        var query = db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Active && own.Contains(e.Id));
        if (request.StructureId is { } s) query = query.Where(e => e.StructureId == s);
        // The order depends on the workflow database (tasks, timers), which the database of episodes cannot join: only the keys of the
        // team's episodes are read to order them, the rows shown are read for the page alone.
        var team = await query.Select(e => new Key(e.Id, e.InstanceId, e.Stage)).ToListAsync(cancellationToken);
        var stages = Enum.GetValues<EpisodeStage>().ToDictionary(x => x.ToString(), x => team.Count(k => k.Stage == x));
        var kept = request.Stage is { } stage ? team.Where(k => k.Stage == stage).ToList() : team;
        var next = await NextDeadlinesAsync(kept, cancellationToken);
        var page = kept
            .OrderBy(k => next.TryGetValue(k.Id, out var d) ? d.DueAt : DateTimeOffset.MaxValue).ThenBy(k => k.Id)
            .Skip(request.Page * request.PageSize).Take(request.PageSize).Select(k => k.Id).ToList();
        return new EpisodePage(await RowsAsync(page, next, cancellationToken), kept.Count, stages);
    }

    /// <summary>The episodes' rows, in <paramref name="ids"/>' order: pseudonyms, referents and alert counts for these rows only.</summary>
    private async Task<IReadOnlyList<EpisodeRow>> RowsAsync(List<Guid> ids, Dictionary<Guid, Deadline> next, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var episodes = await db.Episodes.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var structureIds = episodes.Values.Select(e => e.StructureId).Distinct().ToList();
        var structures = await db.Structures.AsNoTracking().Where(x => structureIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var referentIds = episodes.Values.Where(e => e.ReferentId != null).Select(e => e.ReferentId!.Value).Distinct().ToList();
        var referents = await db.Staff.AsNoTracking().Where(x => referentIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.DisplayName, ct);
        var personIds = episodes.Values.Select(e => e.PersonId).Distinct().ToList();
        var pseudonyms = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Pseudonym, ct);
        var alertCounts = await db.Alerts.Where(a => ids.Contains(a.EpisodeId) && a.State != AlertState.Resolved)
            .GroupBy(a => a.EpisodeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return ids.Select(id =>
        {
            var e = episodes[id];
            var deadline = next.GetValueOrDefault(id);
            return new EpisodeRow(e.Id, e.PersonId, pseudonyms[e.PersonId], structures[e.StructureId], e.DeviceType.Label(), e.Stage.ToString(),
                e.ReferentId is { } r ? referents.GetValueOrDefault(r) : null, e.RequestedAt, e.AdmittedAt, deadline?.Name, deadline?.DueAt,
                alertCounts.GetValueOrDefault(e.Id));
        }).ToList();
    }

    /// <summary>
    /// Each episode's next deadline: the soonest of its open tasks' due times and its instance's named pending timers (« Fin de période
    /// proche »). The tasks are read as (episode, name, due time) only: their forms and values are not needed to order the list.
    /// </summary>
    private async Task<Dictionary<Guid, Deadline>> NextDeadlinesAsync(List<Key> episodes, CancellationToken ct)
    {
        var keys = episodes.Select(e => e.Id.ToString()).ToList();
        List<(Guid Episode, Deadline Deadline)> deadlines;
        await using (var wf = await workflowDb.CreateDbContextAsync(ct))
        {
            // Tasks without a due time are dropped here, not in SQL: asked there, SQLite reads the region's open tasks through the
            // (Status, DueAt) index instead of this team's through (BusinessKey, Status) — 36,000 rows instead of 2,000 at a region's scale.
            deadlines = (await wf.Tasks.AsNoTracking()
                    .Where(t => t.Status == HumanTaskStatus.Open && keys.Contains(t.BusinessKey!))
                    .Select(t => new { t.BusinessKey, t.Name, t.DueAt }).ToListAsync(ct))
                .Where(t => t.DueAt != null).Select(t => (Guid.Parse(t.BusinessKey!), new Deadline(t.Name, t.DueAt!.Value))).ToList();
        }
        var episodeOfInstance = episodes.Where(e => e.InstanceId is not null).ToDictionary(e => e.InstanceId!.Value, e => e.Id);
        deadlines.AddRange((await engine.PendingTimersAsync(episodeOfInstance.Keys, ct))
            .Select(t => (episodeOfInstance[t.InstanceId], new Deadline(t.Name, t.DueAt))));
        return deadlines.GroupBy(d => d.Episode).ToDictionary(g => g.Key, g => g.MinBy(d => d.Deadline.DueAt).Deadline);
    }

    private sealed record Key(Guid Id, Guid? InstanceId, EpisodeStage Stage);

    private sealed record Deadline(string Name, DateTimeOffset DueAt);
}
