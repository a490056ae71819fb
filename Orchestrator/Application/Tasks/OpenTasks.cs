using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.Tasks;

/// <summary>Reading open human tasks from the workflow database.</summary>
public static class OpenTasks
{
    /// <summary>The open human tasks of these episodes: their instances carry the episode id as business key.</summary>
    public static async Task<List<HumanTaskRecord>> OfEpisodesAsync(this IDbContextFactory<WorkflowDbContext> workflowDb,
        IEnumerable<Guid> episodeIds, CancellationToken ct)
    {
        var keys = episodeIds.Select(id => id.ToString()).ToList();
        await using var wf = await workflowDb.CreateDbContextAsync(ct);
        return await wf.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open && keys.Contains(t.BusinessKey!)).ToListAsync(ct);
    }
}
