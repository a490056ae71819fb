using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Pathways;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Cli.Scale;

/// <summary>What the region's database holds after a simulation, counted there rather than by the driver: the figures a user would check.</summary>
internal sealed record RegionTotals(int People, int Episodes, int Admitted, int Active, int Alerts, int OpenAlerts, int Handoffs,
    int HandoffsAccepted, int FollowUps)
{
    /// <summary>The post-exit follow-up task of the shipped definitions (LHSS, LAM, ACT, ESSIP, EMSP, complex situations).</summary>
    public const string FollowUpTask = "followUp";

    public static async Task<RegionTotals> ReadAsync(IServiceProvider provider, CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        await using var wf = await provider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(ct);
        return new RegionTotals(
            await db.People.CountAsync(ct),
            await db.Episodes.CountAsync(ct),
            await db.Episodes.CountAsync(e => e.AdmittedAt != null, ct),
            await db.Episodes.CountAsync(e => e.Status == EpisodeStatus.Active, ct),
            await db.Alerts.CountAsync(ct),
            await db.Alerts.CountAsync(a => a.State != AlertState.Resolved, ct),
            await db.Handoffs.CountAsync(ct),
            await db.Handoffs.CountAsync(h => h.State == HandoffState.Accepted, ct),
            await wf.Tasks.CountAsync(t => t.ElementId == FollowUpTask, ct));
    }
}
