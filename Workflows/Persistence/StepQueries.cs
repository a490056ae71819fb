using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// The reads every step makes, compiled once: translating a LINQ query again on each step cost more
/// than running it. A compiled query belongs to one model, and the model depends on the provider, so
/// there is one set per model.
/// </summary>
internal sealed class StepQueries
{
    private static readonly ConcurrentDictionary<IModel, StepQueries> ByModel = new();

    public static StepQueries For(WorkflowDbContext db) => ByModel.GetOrAdd(db.Model, _ => new StepQueries());

    public Func<WorkflowDbContext, Guid, CancellationToken, Task<WorkflowInstanceRecord?>> Instance { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => db.Instances.FirstOrDefault(i => i.Id == id));

    public Func<WorkflowDbContext, Guid, IAsyncEnumerable<BookmarkRecord>> BookmarksOf { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid instanceId) => db.Bookmarks.Where(b => b.InstanceId == instanceId));

    public Func<WorkflowDbContext, Guid, CancellationToken, Task<HumanTaskRecord?>> Task { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => db.Tasks.FirstOrDefault(t => t.Id == id));

    public Func<WorkflowDbContext, Guid, CancellationToken, Task<BookmarkRecord?>> TimerProbe { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => db.Bookmarks.AsNoTracking().FirstOrDefault(b => b.Id == id && b.Kind == BookmarkKind.Timer));

    public Func<WorkflowDbContext, Guid, IAsyncEnumerable<IncidentRecord>> OpenIncidentsOf { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid bookmarkId) => db.Incidents.Where(i => i.BookmarkId == bookmarkId && i.ResolvedAt == null));

    /// <summary>Up to 200 timers due at the instant, in the order they were armed.</summary>
    public Func<WorkflowDbContext, DateTimeOffset, IAsyncEnumerable<Guid>> DueTimers { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, DateTimeOffset now) => db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == BookmarkKind.Timer && b.DueAt <= now)
            .OrderBy(b => b.DueAt).ThenBy(b => b.CreatedAt).ThenBy(b => b.Id) // ids are in creation order (OrderedIds): the order they were armed
            .Select(b => b.Id).Take(200));

    /// <summary>The earliest pending timer's instant, null when none waits.</summary>
    public Func<WorkflowDbContext, CancellationToken, Task<DateTimeOffset?>> NextTimerDue { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, CancellationToken ct) => db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.Timer)
            .OrderBy(b => b.DueAt).Select(b => b.DueAt).FirstOrDefault());

    public Func<WorkflowDbContext, string, CancellationToken, Task<Guid?>> LatestPublished { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, string key, CancellationToken ct) => db.Definitions.AsNoTracking()
            .Where(d => d.Key == key && d.State == DefinitionState.Published)
            .OrderByDescending(d => d.Version).Select(d => (Guid?)d.Id).FirstOrDefault());
}
