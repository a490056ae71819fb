using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Alerts;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Alerts;

/// <summary>
/// Takes an alert up (<see cref="Domain.Alerts.Alert.Acknowledge"/>), as a member of the team following the person; an unknown alert is a
/// <see cref="NotFoundException"/>, anyone else gets <see cref="AccessDeniedException"/>, an alert no longer open a <see cref="Domain.DomainException"/>.
/// </summary>
/// <param name="AlertId">The alert to take up.</param>
public sealed record AcknowledgeAlertCommand(Guid AlertId) : ICommand<Unit>;

/// <summary>Resolves an alert, with how it was settled in at most <see cref="ResolutionMaxLength"/> characters (optional).</summary>
public sealed record ResolveAlertCommand(Guid AlertId, string? Resolution) : ICommand<Unit>
{
    /// <summary>The longest resolution kept: a few sentences a colleague reads on the person's page, not a report.</summary>
    public const int ResolutionMaxLength = 1000;
}

/// <summary>What <see cref="ResolveAlertCommand"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class ResolveAlertValidator : AbstractValidator<ResolveAlertCommand>
{
    /// <summary>Declares the rules of <see cref="ResolveAlertCommand"/>.</summary>
    public ResolveAlertValidator() =>
        RuleFor(c => c.Resolution).MaximumLength(ResolveAlertCommand.ResolutionMaxLength).OverridePropertyName("resolution")
            .WithMessage($"La résolution compte au plus {ResolveAlertCommand.ResolutionMaxLength:N0} caractères.");
}

/// <summary>Handles <see cref="AcknowledgeAlertCommand"/>, <see cref="ResolveAlertCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class AlertCommandHandlers(OrchestratorDbContext db, CurrentStaff current, CareTeam careTeam, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<AcknowledgeAlertCommand, Unit>, IRequestHandler<ResolveAlertCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<Unit> Handle(AcknowledgeAlertCommand request, CancellationToken cancellationToken)
    {
        var (alert, staff) = await LoadAsync(request.AlertId, cancellationToken);
        alert.Acknowledge(staff, clock.GetUtcNow());
        audit.Record("alert.acknowledged", alert.PersonId, alert.Type);
        return Unit.Value;
    }

    /// <inheritdoc/>
    public async Task<Unit> Handle(ResolveAlertCommand request, CancellationToken cancellationToken)
    {
        var (alert, staff) = await LoadAsync(request.AlertId, cancellationToken);
        alert.Resolve(staff, clock.GetUtcNow(), request.Resolution);
        audit.Record("alert.resolved", alert.PersonId, alert.Type);
        return Unit.Value;
    }

    private async Task<(Alert, Guid)> LoadAsync(Guid id, CancellationToken ct)
    {
        var staff = current.Require();
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("Alerte inconnue.");
        await careTeam.EnsureMayTakeUpAlertAsync(staff, alert.EpisodeId, "Seule l'équipe qui accompagne la personne traite ses alertes.", ct);
        return (alert, staff.Id);
    }
}
