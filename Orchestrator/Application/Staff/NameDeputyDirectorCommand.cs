using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Staff;

/// <summary>
/// The director names (or, with a null <paramref name="StaffId"/>, withdraws) the member of their structure who stands in
/// for them: the deputy completes the director's tasks (<see cref="DecisionRights"/>; délégation of the director, CASF
/// D312-176-5). Only the structure's director names their deputy; the deputy must be an active member of the structure with
/// a function of its care team (not the director themself), else a 400 on <c>staffId</c>.
/// </summary>
public sealed record NameDeputyDirectorCommand(Guid? StaffId) : ICommand<Unit>;

/// <summary>Handles <see cref="NameDeputyDirectorCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class NameDeputyDirectorHandler(OrchestratorDbContext db, CurrentStaff current, AuditTrail audit) : IRequestHandler<NameDeputyDirectorCommand, Unit>
{
    /// <summary>The refusal for a professional who is not of the director's structure, or does not exist.</summary>
    public const string NotInTeam = "Ce professionnel n'est pas de votre structure.";

    /// <inheritdoc/>
    public async Task<Unit> Handle(NameDeputyDirectorCommand request, CancellationToken cancellationToken)
    {
        var director = current.Require(StaffRole.Director);
        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == director.StructureId, cancellationToken)
            ?? throw new NotFoundException("Structure inconnue.");
        if (request.StaffId is { } id)
        {
            var deputy = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            var refusal = deputy switch
            {
                // Unknown and another structure's are one answer, naming nobody: a director learns nothing of other teams here.
                null => NotInTeam,
                _ when deputy.StructureId != structure.Id => NotInTeam,
                { Active: false } => $"{deputy.DisplayName} a quitté l'équipe.",
                { Role: StaffRole.Director } => "Le directeur ne se nomme pas lui-même adjoint.",
                _ when !deputy.Role.SeesWholeStructure() => $"Un {Components.Shared.RoleLabels.Of(deputy.Role).ToLowerInvariant()} ne peut pas suppléer le directeur.",
                _ => null,
            };
            if (refusal is not null) throw new ValidationException(refusal, [new ValidationFailure("staffId", refusal)]);
        }
        structure.DeputyDirectorId = request.StaffId;
        audit.Record(request.StaffId is null ? "structure.deputy.withdrawn" : "structure.deputy.named", null, request.StaffId?.ToString());
        return Unit.Value;
    }
}
