using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Activities;
using Orchestrator.Application.Episodes;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Outbox;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Application.Outbox;

/// <summary>
/// What a handoff answer owes once it is committed, each safe to run again after a crash: the answer reaches the sending
/// pathway as its message (delivered only if the pathway still waits for it, so a second delivery finds nothing and keeps
/// nothing), and an accepted person's episode opens in the receiving structure (unless it is already open there): its own
/// pathway, or the light accompaniment when it runs none.
/// </summary>
public sealed partial class HandoffAnswerWork(IServiceScopeFactory scopes, WorkflowEngine engine, ILogger<HandoffAnswerWork> logger)
{
    /// <summary>Does the work of <paramref name="entry"/>; throws when it could not be done (the dispatcher retries).</summary>
    public async Task RunAsync(DomainOutboxEntry entry, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.Id == entry.SubjectId, ct)
            ?? throw new InvalidOperationException($"Handoff {entry.SubjectId} is gone.");
        switch (entry.Kind)
        {
            case DomainOutboxKinds.DeliverHandoffAnswer:
                await DeliverAnswerAsync(handoff, ct);
                break;
            case DomainOutboxKinds.OpenReceivingEpisode:
                await OpenReceivingEpisodeAsync(scope.ServiceProvider, db, handoff, ct);
                break;
            default:
                throw new InvalidOperationException($"Unknown outbox work '{entry.Kind}'.");
        }
    }

    private async Task DeliverAnswerAsync(Handoff handoff, CancellationToken ct)
    {
        if (handoff.State is not (HandoffState.Accepted or HandoffState.Refused or HandoffState.External)) return;
        var outcome = await engine.DeliverIfAwaitedAsync(ActivityEvents.HandoffAnswered, handoff.Id.ToString(), new Dictionary<string, object?>
        {
            ["handoffAnswer"] = handoff.State switch { HandoffState.Accepted => "accepted", HandoffState.External => "external", _ => "refused" },
            ["handoffRefusalReason"] = handoff.RefusalReason,
        }, ct: ct);
        if (outcome.Delivery == MessageDelivery.NotAwaited) LogNotAwaited(logger, handoff.Id);
    }

    private static async Task OpenReceivingEpisodeAsync(IServiceProvider services, OrchestratorDbContext db, Handoff handoff, CancellationToken ct)
    {
        if (handoff.State != HandoffState.Accepted || handoff.TargetStructureId is not { } target) return;
        var receiver = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == target, ct);
        if (await db.Episodes.AnyAsync(e => e.PersonId == handoff.PersonId && e.StructureId == target && e.Status == EpisodeStatus.Active, ct))
            return; // opened by an earlier attempt whose completion was not recorded
        var from = await db.Structures.AsNoTracking().Where(s => s.Id == handoff.FromStructureId).Select(s => s.Name).FirstAsync(ct);
        // A structure without a pathway of its own (CHRS, pension de famille…) gets the light accompaniment episode:
        // the person it accepted is on its screens from now on, and an arrival that does not happen raises an alert.
        await services.GetRequiredService<IMediator>()
            .Send(new RequestAdmissionCommand(receiver.Id, handoff.PersonId, null, $"Orientation acceptée depuis {from}")
                { Accompaniment = !receiver.Type.RunsPathways(), Referral = new Referral(ReferrerType.DirectoryStructure) }, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The answer to handoff {HandoffId} found no pathway waiting: already delivered, or the pathway moved on")]
    private static partial void LogNotAwaited(ILogger logger, Guid handoffId);
}
