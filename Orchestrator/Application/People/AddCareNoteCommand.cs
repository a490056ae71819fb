using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.People;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.People;

/// <summary>Adds a note to an episode; only care staff may write a medical one.</summary>
public sealed record AddCareNoteCommand(Guid EpisodeId, string Text, bool Medical) : ICommand<Guid>;

/// <summary>What <see cref="AddCareNoteCommand"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class AddCareNoteValidator : AbstractValidator<AddCareNoteCommand>
{
    /// <summary>Declares the rules of <see cref="AddCareNoteCommand"/>.</summary>
    public AddCareNoteValidator() => RuleFor(c => c.Text).Must(text => !string.IsNullOrWhiteSpace(text) && text.Length <= 4000)
        .OverridePropertyName("text").WithMessage("La note est vide ou trop longue (4 000 caractères au plus).");
}

/// <summary>Handles <see cref="AddCareNoteCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class AddCareNoteHandler(OrchestratorDbContext db, CurrentStaff current, CareTeam careTeam, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<AddCareNoteCommand, Guid>
{
    /// <inheritdoc/>
    public async Task<Guid> Handle(AddCareNoteCommand request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        var episode = await db.Episodes.FirstOrDefaultAsync(e => e.Id == request.EpisodeId, cancellationToken)
            ?? throw new NotFoundException("Épisode inconnu.");
        await careTeam.EnsureMayActAsync(staff, episode.PersonId, "Seule l'équipe de soins de la personne écrit dans son dossier.", cancellationToken);
        if (request.Medical && !staff.Role.IsCareStaff())
            throw new AccessDeniedException("Seuls les soignants écrivent une note médicale.");
        var note = db.CareNotes.Add(new CareNote
        {
            PersonId = episode.PersonId, EpisodeId = episode.Id, AuthorId = staff.Id, Medical = request.Medical,
            Text = request.Text, At = clock.GetUtcNow(),
        }).Entity;
        audit.Record(request.Medical ? "note.medical.added" : "note.added", episode.PersonId);
        return note.Id;
    }
}
