using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// The reads every step makes, compiled once: translating a LINQ query again on each step cost more
/// than running it.
/// </summary>
internal static class StepQueries
{
    public static readonly Func<WorkflowDbContext, Guid, CancellationToken, Task<WorkflowInstanceRecord?>> Instance =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => db.Instances.FirstOrDefault(i => i.Id == id));

    public static readonly Func<WorkflowDbContext, Guid, IAsyncEnumerable<BookmarkRecord>> BookmarksOf =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid instanceId) => db.Bookmarks.Where(b => b.InstanceId == instanceId));

    public static readonly Func<WorkflowDbContext, Guid, CancellationToken, Task<HumanTaskRecord?>> Task =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => db.Tasks.FirstOrDefault(t => t.Id == id));

    public static readonly Func<WorkflowDbContext, string, CancellationToken, Task<Guid?>> LatestPublished =
        EF.CompileAsyncQuery((WorkflowDbContext db, string key, CancellationToken ct) => db.Definitions.AsNoTracking()
            .Where(d => d.Key == key && d.State == DefinitionState.Published)
            .OrderByDescending(d => d.Version).Select(d => (Guid?)d.Id).FirstOrDefault());

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct)) list.Add(row);
        return list;
    }
}
