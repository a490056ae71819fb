using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Pathways;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Retention;

/// <summary>How long the records of closed pathways are kept, and how often the archiving job runs.</summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// Calendar years (counted in UTC) a person's record is kept after the last of their episodes closed; 5 by default. No
    /// text sets this period for LHSS, LAM, ACT or mobile teams: CSP R1112-7 (20 years after the last stay) governs the
    /// medical records of health establishments, not these ESSMS; 5 years is the usual practice of medico-social structures
    /// for the user record, a default each structure should confirm with its data protection officer.
    /// Setting <c>Orchestrator:Retention:YearsAfterLastEpisode</c>.
    /// </summary>
    public int YearsAfterLastEpisode { get; set; } = 5;

    /// <summary>How often the archiving job looks for records due (one day by default). Setting <c>Orchestrator:Retention:Period</c>.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Archives the records of closed pathways once their retention period has passed: a person none of whose episodes is
/// active or awaiting an answer, the last closed <see cref="RetentionOptions.YearsAfterLastEpisode"/> years ago or more.
/// Archiving removes the record from every list and access path (<see cref="Security.CareTeam"/> sees no archived person)
/// and deletes what only the care team needed — civil identity, notes, consents, the pseudonym and birth details — and
/// keeps what aggregated reports count: episodes with their structure, dates and stages, milestones, alerts and handoffs.
/// Each archive writes an audit row (<c>person.archived</c>) in the same transaction.
/// </summary>
public sealed class RecordRetention(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RecordRetention> logger)
{
    /// <summary>The PostgreSQL advisory lock key held by the node archiving: with several nodes, one pass at a time.</summary>
    public const long ArchiveLockKey = 0x4F52_4348_5245_544E; // "ORCHRETN"

    /// <summary>
    /// Archives every record due now; returns how many were archived. Nodes sharing a database archive one after the other
    /// (<see cref="Workflows.Persistence.NodeExclusion"/>), each seeing what the previous one archived, so a record is archived, and
    /// audited, once however many nodes run.
    /// </summary>
    public async Task<int> ArchiveDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var closedBefore = now.AddYears(-options.Value.YearsAfterLastEpisode);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        await using var exclusion = await Workflows.Persistence.NodeExclusion.AcquireAsync(db, ArchiveLockKey, ct);
        // Every episode closed, the last one before the limit (an episode with no ClosedAt is still running or waiting).
        var due = await db.People.Where(p => p.ArchivedAt == null
                && db.Episodes.Any(e => e.PersonId == p.Id)
                && !db.Episodes.Any(e => e.PersonId == p.Id && (e.Status == EpisodeStatus.Active || e.ClosedAt == null || e.ClosedAt > closedBefore)))
            .ToListAsync(ct);
        foreach (var person in due)
        {
            person.Archive(now);
            db.Identities.RemoveRange(await db.Identities.Where(i => i.PersonId == person.Id).ToListAsync(ct));
            db.CareNotes.RemoveRange(await db.CareNotes.Where(n => n.PersonId == person.Id).ToListAsync(ct));
            db.Consents.RemoveRange(await db.Consents.Where(c => c.PersonId == person.Id).ToListAsync(ct));
            db.Audit.Add(new AuditEntry
            {
                At = now, Action = "person.archived", PersonId = person.Id,
                Detail = $"Dossier archivé {options.Value.YearsAfterLastEpisode} ans après la fin de son dernier épisode",
            });
        }
        await db.SaveChangesAsync(ct);
        await exclusion.CommitAsync(ct);
        if (due.Count > 0) logger.LogInformation("Archived {Count} records past their retention period", due.Count);
        return due.Count;
    }
}

/// <summary>Runs <see cref="RecordRetention"/> at start and every <see cref="RetentionOptions.Period"/>, on the app's <see cref="TimeProvider"/>.</summary>
public sealed class RecordRetentionService(RecordRetention retention, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RecordRetentionService> logger)
    : BackgroundService
{
    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new Hosting.WakeSignal(clock).RunAsync(retention.ArchiveDueAsync, options.Value.Period, logger, "Archiving records past their retention period", stoppingToken);
}
