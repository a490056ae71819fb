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
    public const string NoReferentAlert = "no-referent";

    public async Task AssignAsync(Episode episode, string? taskRole, DateTimeOffset at, CancellationToken ct)
    {
        var role = StaffRoles.FromTaskRole(taskRole) ?? StaffRole.SocialWorker;
        var candidates = await db.Staff.AsNoTracking()
            .Where(s => s.Active && s.StructureId == episode.StructureId && (s.Role == StaffRole.Referent || s.Role == role))
            .Select(s => new { s.Id, Load = db.Episodes.Count(e => e.ReferentId == s.Id && e.Status == EpisodeStatus.Active) })
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            var alert = db.Alerts.Add(new Alert
            {
                EpisodeId = episode.Id, PersonId = episode.PersonId, StructureId = episode.StructureId, Type = NoReferentAlert,
                Severity = "high", Message = "Épisode actif sans référent : en désigner un", RaisedAt = at, DueAt = at,
            }).Entity;
            notifications.Add(new AlertRaised(alert.Id));
            return;
        }
        episode.AssignReferent(candidates.OrderBy(c => c.Load).ThenBy(c => c.Id).First().Id);
    }
}
