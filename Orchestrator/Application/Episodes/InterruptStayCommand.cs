using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Pathways;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Application.Episodes;

/// <summary>
/// The care team records that a person in a stay is away for a while (a hospitalisation…): the stay is suspended, not
/// ended. The pathway gets the <see cref="InterruptStayHandler.MessageName"/> message with <c>interruptionCause</c> and <c>interruptedAt</c>
/// (UTC, ISO 8601) and asks the coordinator how the interruption ended; a return moves the period's end by the time away.
/// Refused (<see cref="Domain.DomainException"/>, 400) when the pathway does not wait for it: no stay running, a stay
/// already interrupted, or a definition without interruptions.
/// </summary>
public sealed record InterruptStayCommand(Guid EpisodeId, InterruptionCause Cause) : ICommand<Unit>;

/// <summary>Handles <see cref="InterruptStayCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class InterruptStayHandler(OrchestratorDbContext db, WorkflowEngine engine, CurrentStaff current, CareTeam careTeam, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<InterruptStayCommand, Unit>
{
    /// <summary>The message the definitions catch to suspend a stay, correlated by the episode id.</summary>
    public const string MessageName = "stay-interrupted";

    /// <inheritdoc/>
    public async Task<Unit> Handle(InterruptStayCommand request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        if (!Enum.IsDefined(request.Cause))
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("cause", "Motif d'interruption inconnu.")]);
        var episode = await db.Episodes.AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.EpisodeId, cancellationToken)
            ?? throw new NotFoundException("Épisode inconnu.");
        await careTeam.EnsureMayActAsync(staff, episode.PersonId, "Seule l'équipe de soins de la personne déclare une interruption de son séjour.", cancellationToken);
        if (!episode.IsActive || episode.Stage != EpisodeStage.Stay)
            throw new Domain.DomainException("Seul un séjour en cours peut être interrompu.");
        var at = clock.GetUtcNow().ToUniversalTime();
        var outcome = await engine.DeliverIfAwaitedAsync(MessageName, episode.Id.ToString(), new Dictionary<string, object?>
        {
            ["interruptionCause"] = request.Cause.ToString(),
            // Seconds and a Z: the form that Date.parse reads in the definitions' expressions.
            ["interruptedAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        }, staff.Id.ToString(), cancellationToken);
        if (outcome.Delivery == MessageDelivery.NotAwaited)
            throw new Domain.DomainException("Le parcours n'attend pas d'interruption à cette étape : séjour déjà interrompu, décision en cours, ou parcours sans interruption prévue.");
        audit.Record("stay.interrupted", episode.PersonId, request.Cause.Label());
        return Unit.Value;
    }
}
