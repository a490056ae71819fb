using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.Reports;

/// <summary>
/// Reads a <see cref="ReportDataset"/> for some structures up to the end of a year, without tracking and in batches,
/// reporting its progress (0 to 100) as it goes, so a report over a large database keeps the screen informed and holds
/// no lock the other screens wait for.
/// </summary>
public sealed class ReportDatasetLoader(OrchestratorDbContext db, IDbContextFactory<WorkflowDbContext> workflowDb, TimeProvider clock)
{
    /// <summary>How many episodes' tasks are read in one query.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// The facts of <paramref name="structureIds"/> known before <paramref name="until"/> (UTC, exclusive): every
    /// episode requested before it (earlier years included, for returns and running stays), their completed tasks,
    /// recourses, alerts and handoffs before it, and the active staff. With <paramref name="since"/>, episodes closed before
    /// it are left out (the regional version needs only the year's; a structure's report reads its whole history for returns).
    /// </summary>
    public async Task<ReportDataset> LoadAsync(IReadOnlyCollection<Guid> structureIds, DateTimeOffset until, IProgress<int>? progress, CancellationToken ct,
        DateTimeOffset? since = null)
    {
        progress?.Report(0);
        var structures = (await db.Structures.AsNoTracking().Include(s => s.Sites).Where(s => structureIds.Contains(s.Id)).ToListAsync(ct))
            .Select(s => new StructureFacts(s.Id, s.Name, s.Department, s.Type, s.Capacity)).ToList();
        var episodes = await (from e in db.Episodes.AsNoTracking()
                              join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                              where structureIds.Contains(e.StructureId) && e.RequestedAt < until && (since == null || e.ClosedAt == null || e.ClosedAt >= since)
                              select new
                              {
                                  e.Id, e.InstanceId, e.PersonId, e.StructureId, p.Sex, p.BirthYear, e.Status, e.RequestedAt, e.AdmittedAt, e.ExitedAt, e.ClosedAt,
                                  HasReferent = e.ReferentId != null, e.ReferrerType, e.Pathology, e.HousingBeforeEntry,
                              }).ToListAsync(ct);
        progress?.Report(20);
        // Tasks are read by instance (indexed), each episode's own instance; a task whose business key names another
        // episode (none today) would not be this episode's.
        var answers = new Dictionary<Guid, List<TaskAnswer>>();
        var instances = episodes.Where(e => e.InstanceId is not null).ToList();
        await using (var wf = await workflowDb.CreateDbContextAsync(ct))
        {
            for (var i = 0; i < instances.Count; i += BatchSize)
            {
                var batch = instances.Skip(i).Take(BatchSize).ToDictionary(e => e.InstanceId!.Value, e => e.Id);
                var ids = batch.Keys.ToList();
                var tasks = await wf.Tasks.AsNoTracking()
                    .Where(t => ids.Contains(t.InstanceId) && t.Status == HumanTaskStatus.Completed && t.EndedAt < until)
                    .Select(t => new { t.InstanceId, t.ElementId, t.EndedAt, t.Values }).ToListAsync(ct);
                foreach (var t in tasks)
                {
                    var episode = batch[t.InstanceId];
                    if (!answers.TryGetValue(episode, out var list)) answers[episode] = list = [];
                    list.Add(new TaskAnswer(t.ElementId, t.EndedAt!.Value, ReadValues(t.Values)));
                }
                progress?.Report(20 + 60 * Math.Min(i + BatchSize, instances.Count) / Math.Max(instances.Count, 1));
            }
        }
        var recourses = await (from r in db.CareRecourses.AsNoTracking()
                               join p in db.People.AsNoTracking() on r.PersonId equals p.Id
                               where structureIds.Contains(r.StructureId) && r.At < until && (since == null || r.At >= since)
                               select new RecourseFacts(r.StructureId, r.PersonId, p.Sex, r.Kind, r.At)).ToListAsync(ct);
        var alerts = await db.Alerts.AsNoTracking().Where(a => structureIds.Contains(a.StructureId) && a.RaisedAt < until && (since == null || a.RaisedAt >= since))
            .Select(a => new AlertFacts(a.StructureId, a.EpisodeId, a.Type, a.RaisedAt, a.ResolvedAt)).ToListAsync(ct);
        var handoffs = await db.Handoffs.AsNoTracking().Where(h => structureIds.Contains(h.FromStructureId) && h.ProposedAt < until && (since == null || h.ProposedAt >= since))
            .Select(h => new HandoffFacts(h.FromStructureId, h.TargetType, h.State, h.ProposedAt, h.AnsweredAt)).ToListAsync(ct);
        var staff = await db.Staff.AsNoTracking().Where(s => s.Active && s.StructureId != null && structureIds.Contains(s.StructureId!.Value))
            .Select(s => new StaffFacts(s.StructureId!.Value, s.Role)).ToListAsync(ct);
        progress?.Report(90);
        return new ReportDataset(structures,
            episodes.Select(e => new EpisodeFacts(e.Id, e.PersonId, e.StructureId, e.Sex, e.BirthYear, e.Status, e.RequestedAt, e.AdmittedAt, e.ExitedAt,
                e.ClosedAt, e.HasReferent, e.ReferrerType, e.Pathology, e.HousingBeforeEntry,
                answers.TryGetValue(e.Id, out var list) ? list : [])).ToList(),
            recourses, alerts, handoffs, staff, clock.GetUtcNow());
    }

    private static Dictionary<string, string?> ReadValues(string? json)
    {
        var values = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(json)) return values;
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return values;
        foreach (var property in document.RootElement.EnumerateObject())
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => property.Value.GetRawText(),
            };
        return values;
    }
}
