using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Alerts;
using Orchestrator.Application.Messaging;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Pathways;

/// <summary>
/// Gives an episode the least-loaded referent of its structure with the requested function; when the
/// structure has nobody, the episode without a referent is itself an alert.
/// </summary>
public sealed class ReferentAssigner(OrchestratorDbContext db, PostCommitNotifications notifications)
{
    /// <summary>The type of the alert an episode left without a referent raises.</summary>
    public const string NoReferentAlert = "no-referent";

    /// <summary>
    /// Names the active member of the episode's structure with the function <paramref name="taskRole"/> (a task role name, social worker when null
    /// or unknown) or the referent function who follows the fewest active episodes; when there is none, raises a high <see cref="NoReferentAlert"/> due at <paramref name="at"/>.
    /// </summary>
    public async Task AssignAsync(Episode episode, string? taskRole, DateTimeOffset at, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(episode.StructureId, StaffRoles.FromTaskRole(taskRole) ?? StaffRole.SocialWorker, null, ct);
        if (candidates.Count == 0) RaiseNoReferent(episode, at);
        else episode.AssignReferent(candidates.OrderBy(c => c.Value).ThenBy(c => c.Key).First().Key);
    }

    /// <summary>
    /// Hands the people a member followed to colleagues of the same structure and function, the least
    /// loaded first, counting what this hand-over gives each; without any colleague, each episode raises
    /// a "no referent" alert.
    /// </summary>
    public async Task ReassignAllAsync(IReadOnlyList<Episode> episodes, StaffMember leaving, DateTimeOffset at, CancellationToken ct)
    {
        if (episodes.Count == 0) return;
        var loads = await CandidatesAsync(leaving.StructureId, leaving.Role, leaving.Id, ct);
        foreach (var episode in episodes)
        {
            episode.ReleaseReferent();
            if (loads.Count == 0)
            {
                RaiseNoReferent(episode, at);
                continue;
            }
            var next = loads.OrderBy(c => c.Value).ThenBy(c => c.Key).First().Key;
            episode.AssignReferent(next);
            loads[next]++;
        }
    }

    /// <summary>Active members who may follow people of the structure, with how many active episodes each follows.</summary>
    private async Task<Dictionary<Guid, int>> CandidatesAsync(Guid? structureId, StaffRole role, Guid? except, CancellationToken ct) =>
        await db.Staff.AsNoTracking()
            .Where(s => s.Active && s.Id != except && s.StructureId == structureId && (s.Role == StaffRole.Referent || s.Role == role))
            .Select(s => new { s.Id, Load = db.Episodes.Count(e => e.ReferentId == s.Id && e.Status == EpisodeStatus.Active) })
            .ToDictionaryAsync(s => s.Id, s => s.Load, ct);

    private void RaiseNoReferent(Episode episode, DateTimeOffset at)
    {
        var alert = db.Alerts.Add(new Alert
        {
            EpisodeId = episode.Id, PersonId = episode.PersonId, StructureId = episode.StructureId, Type = NoReferentAlert,
            Severity = "high", Message = "Épisode actif sans référent : en désigner un", RaisedAt = at, DueAt = at,
        }).Entity;
        notifications.Add(new AlertRaised(alert.Id));
    }
}
