using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Settings;

/// <summary>
/// An administrator withdraws a value: without <see cref="StructureId"/> the regional value (episodes then use the BPMN
/// default), with it the structure's own value (its episodes then use the regional value). Episodes already running keep theirs.
/// Withdrawing a value that is not set changes nothing.
/// </summary>
public sealed record ClearPathwayParameterCommand(string DefinitionKey, string Name, Guid? StructureId = null) : ICommand<Unit>;

/// <summary>Handles <see cref="ClearPathwayParameterCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class ClearPathwayParameterHandler(OrchestratorDbContext db, IDbContextFactory<Workflows.Persistence.WorkflowDbContext> workflowDb,
    Workflows.Definitions.DefinitionCache definitions, CurrentStaff current) : IRequestHandler<ClearPathwayParameterCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<Unit> Handle(ClearPathwayParameterCommand request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.Administrator);
        await using (var wf = await workflowDb.CreateDbContextAsync(cancellationToken))
            if ((await PathwayParameterScope.PublishedAsync(definitions, wf, request.DefinitionKey, cancellationToken)).Model.Parameters.All(p => p.Name != request.Name))
                throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("name",
                    $"Le parcours {request.DefinitionKey} n'a pas de paramètre {request.Name}.")]);
        var structureId = await PathwayParameterScope.StructureAsync(db, request.DefinitionKey, request.StructureId, cancellationToken);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.DefinitionKey == request.DefinitionKey && s.Name == request.Name && s.StructureId == structureId, cancellationToken);
        if (setting is not null) db.Settings.Remove(setting);
        return Unit.Value;
    }
}
