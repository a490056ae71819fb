using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.People;

/// <summary>
/// The person's information about the sharing of their data (CSP L1110-4 IV: informed beforehand of the sharing and of
/// their right to object): every shipped definition with an admission opens the user task <see cref="InformationTaskId"/>
/// when the person is admitted; its completion is the record that they were informed.
/// </summary>
public static class PersonRights
{
    /// <summary>The element id of the « Information de la personne sur le partage de ses données » task in the definitions.</summary>
    public const string InformationTaskId = "dataSharingInformation";

    /// <summary>When (UTC) the information task of one of these episodes was first completed; null when none was.</summary>
    public static async Task<DateTimeOffset?> InformedAtAsync(IDbContextFactory<WorkflowDbContext> workflowDb, IEnumerable<Guid> episodeIds, CancellationToken ct)
    {
        var keys = episodeIds.Select(id => id.ToString()).ToList();
        await using var wf = await workflowDb.CreateDbContextAsync(ct);
        var ended = await wf.Tasks.AsNoTracking()
            .Where(t => t.ElementId == InformationTaskId && t.Status == HumanTaskStatus.Completed && keys.Contains(t.BusinessKey!))
            .Select(t => t.EndedAt).ToListAsync(ct);
        return ended.Where(e => e is not null).Min();
    }
}
