using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Reports;
using Orchestrator.Persistence;

namespace Orchestrator.Application.People;

/// <summary>
/// Records one coded recourse to outside care (an appointment, an accompaniment, a medical transport, a call to the
/// 15, an emergency transfer: 2006 LHSS circular, annex I, II) on the person's active episode in the member's structure,
/// now: one click on the person page. Acting on the person is the care team's (<see cref="CareTeam"/>).
/// </summary>
/// <exception cref="NotFoundException">Unknown person.</exception>
/// <exception cref="AccessDeniedException">Not in the person's care team, or no active episode in the member's structure.</exception>
public sealed record RecordCareRecourseCommand(Guid PersonId, CareRecourseKind? Kind) : ICommand<Guid>;

/// <summary>What <see cref="RecordCareRecourseCommand"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class RecordCareRecourseValidator : AbstractValidator<RecordCareRecourseCommand>
{
    // Required: an absent type must not be counted in the reports as the first kind of recourse.
    /// <summary>Declares the rules of <see cref="RecordCareRecourseCommand"/>.</summary>
    public RecordCareRecourseValidator() => RuleFor(c => c.Kind).NotNull().WithMessage("Le type de recours est obligatoire.")
        .IsInEnum().WithMessage("Type de recours inconnu.").OverridePropertyName("kind");
}

/// <summary>Handles <see cref="RecordCareRecourseCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class RecordCareRecourseHandler(OrchestratorDbContext db, CurrentStaff current, CareTeam careTeam, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<RecordCareRecourseCommand, Guid>
{
    /// <inheritdoc/>
    public async Task<Guid> Handle(RecordCareRecourseCommand request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        if (!await db.People.AnyAsync(p => p.Id == request.PersonId, cancellationToken)) throw new NotFoundException("Personne inconnue.");
        await careTeam.EnsureMayActAsync(staff, request.PersonId, "Seule l'équipe de soins de la personne enregistre ses recours aux soins.", cancellationToken);
        var episode = await db.Episodes.Where(e => e.PersonId == request.PersonId && e.Status == Domain.Pathways.EpisodeStatus.Active
                && (e.StructureId == staff.StructureId || e.ReferentId == staff.Id))
            .OrderByDescending(e => e.RequestedAt).FirstOrDefaultAsync(cancellationToken)
            ?? throw new AccessDeniedException("La personne n'a pas d'épisode en cours dans votre structure.");
        var recourse = db.CareRecourses.Add(new CareRecourse
        {
            PersonId = request.PersonId, EpisodeId = episode.Id, StructureId = episode.StructureId, Kind = request.Kind!.Value,
            At = clock.GetUtcNow(), RecordedBy = staff.Id,
        }).Entity;
        audit.Record("care-recourse.recorded", request.PersonId);
        return recourse.Id;
    }
}
