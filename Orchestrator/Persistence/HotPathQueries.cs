using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Orchestrator.Domain.Alerts;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Persistence;

/// <summary>
/// The domain's reads on the paths every task answer and every workflow event take, compiled once: translating a LINQ query
/// again each time cost more than running it (twice the time of the read itself on SQLite). A compiled query belongs to one
/// model, and the model depends on the provider, so there is one set per model (tests run SQLite and PostgreSQL side by side).
/// </summary>
internal sealed class HotPathQueries
{
    private static readonly ConcurrentDictionary<IModel, HotPathQueries> ByModel = new();

    /// <summary>The set compiled for <paramref name="db"/>'s model.</summary>
    public static HotPathQueries For(OrchestratorDbContext db) => ByModel.GetOrAdd(db.Model, _ => new HotPathQueries());

    /// <summary>What the decision rights need of a task's episode, its structure's deputy director included; null when there is no such episode.</summary>
    public Func<OrchestratorDbContext, Guid, CancellationToken, Task<TaskEpisode?>> TaskEpisode { get; } =
        EF.CompileAsyncQuery((OrchestratorDbContext db, Guid id, CancellationToken ct) => db.Episodes.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new TaskEpisode(e.Id, e.PersonId, e.StructureId, e.ReferentId,
                db.Structures.Where(s => s.Id == e.StructureId).Select(s => s.DeputyDirectorId).FirstOrDefault()))
            .FirstOrDefault());

    /// <summary>The unresolved alerts of an episode that the task of an element settles, tracked (their resolution is saved).</summary>
    public Func<OrchestratorDbContext, Guid, string, IAsyncEnumerable<Alert>> UnresolvedAlertsSettledBy { get; } =
        EF.CompileAsyncQuery((OrchestratorDbContext db, Guid episodeId, string element) =>
            db.Alerts.Where(a => a.EpisodeId == episodeId && a.ResolvedByTask == element && a.State != AlertState.Resolved));

    /// <summary>Whether the episode already has this milestone at this instant (an event delivered again).</summary>
    public Func<OrchestratorDbContext, Guid, string, DateTimeOffset, CancellationToken, Task<bool>> MilestoneRecorded { get; } =
        EF.CompileAsyncQuery((OrchestratorDbContext db, Guid episodeId, string code, DateTimeOffset at, CancellationToken ct) =>
            db.Milestones.Any(m => m.EpisodeId == episodeId && m.Code == code && m.At == at));

    /// <summary>Whether a workflow event already raised its alert (an event delivered again).</summary>
    public Func<OrchestratorDbContext, long, CancellationToken, Task<bool>> AlertOfEvent { get; } =
        EF.CompileAsyncQuery((OrchestratorDbContext db, long eventId, CancellationToken ct) => db.Alerts.Any(a => a.SourceEventId == eventId));
}

/// <summary>The engine's reads of the domain's hot paths, compiled once per model (see <see cref="HotPathQueries"/>).</summary>
internal sealed class EngineHotPathQueries
{
    private static readonly ConcurrentDictionary<IModel, EngineHotPathQueries> ByModel = new();

    /// <summary>The set compiled for <paramref name="db"/>'s model.</summary>
    public static EngineHotPathQueries For(WorkflowDbContext db) => ByModel.GetOrAdd(db.Model, _ => new EngineHotPathQueries());

    /// <summary>A task as a request names it, not tracked; null when there is none.</summary>
    public Func<WorkflowDbContext, Guid, CancellationToken, Task<HumanTaskRecord?>> Task { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => db.Tasks.AsNoTracking().FirstOrDefault(t => t.Id == id));
}

/// <summary>What the decision rights read of a task's episode: who it is, where, who follows them, and the structure's deputy director.</summary>
internal sealed record TaskEpisode(Guid Id, Guid PersonId, Guid StructureId, Guid? ReferentId, Guid? DeputyDirectorId);
