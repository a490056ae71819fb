using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Settings;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Timing;

namespace Orchestrator.Application.Settings;

/// <summary>An administrator changes a deadline of a device's pathway; episodes started afterwards use it.</summary>
public sealed record SetPathwayParameterCommand(string DefinitionKey, string Name, string Value) : ICommand<Unit>;

public sealed class SetPathwayParameterHandler(OrchestratorDbContext db, IDbContextFactory<WorkflowDbContext> workflowDb,
    DefinitionCache definitions, CurrentStaff current, TimeProvider clock) : IRequestHandler<SetPathwayParameterCommand, Unit>
{
    public async Task<Unit> Handle(SetPathwayParameterCommand request, CancellationToken cancellationToken)
    {
        var admin = current.Require(StaffRole.Administrator);
        ProcessParameter parameter;
        await using (var wf = await workflowDb.CreateDbContextAsync(cancellationToken))
        {
            var definition = await definitions.GetLatestPublishedAsync(wf, request.DefinitionKey, cancellationToken);
            parameter = definition.Model.Parameters.FirstOrDefault(p => p.Name == request.Name)
                ?? throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("name",
                    $"Le parcours {request.DefinitionKey} n'a pas de paramètre {request.Name}.")]);
        }
        if (parameter.Type == ProcessParameterType.Duration && TimerValue.Check(TimerKind.Duration, request.Value) is not null)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("value",
                $"« {request.Value} » n'est pas une durée ISO 8601 (P15D, P2M, PT48H…).")]);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.DefinitionKey == request.DefinitionKey && s.Name == request.Name, cancellationToken);
        if (setting is null)
            db.Settings.Add(new PathwaySetting { DefinitionKey = request.DefinitionKey, Name = request.Name, Value = request.Value, ChangedAt = clock.GetUtcNow(), ChangedBy = admin.Id });
        else
        {
            setting.Value = request.Value;
            setting.ChangedAt = clock.GetUtcNow();
            setting.ChangedBy = admin.Id;
        }
        return Unit.Value;
    }
}
