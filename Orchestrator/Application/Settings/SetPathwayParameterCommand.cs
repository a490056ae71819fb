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

/// <summary>
/// An administrator changes a deadline of a device's pathway; episodes started afterwards use it. A value that is not a
/// duration, or lies outside the bounds the definition declares (<c>min</c>, <c>max</c> of <c>orc:parameter</c>), is refused
/// with a <see cref="FluentValidation.ValidationException"/> (400) on <c>value</c> naming the bound and its legal source.
/// With <see cref="StructureId"/>, the value holds for that structure's episodes only and overrides the value for every
/// structure; the structure must run the definition (for the shared handoff: any pathway), else a 400 on <c>structureId</c>.
/// </summary>
public sealed record SetPathwayParameterCommand(string DefinitionKey, string Name, string Value, Guid? StructureId = null) : ICommand<Unit>;

/// <summary>Handles <see cref="SetPathwayParameterCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class SetPathwayParameterHandler(OrchestratorDbContext db, IDbContextFactory<WorkflowDbContext> workflowDb,
    DefinitionCache definitions, CurrentStaff current, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Workflows.Engine.WorkflowOptions> workflowOptions) : IRequestHandler<SetPathwayParameterCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<Unit> Handle(SetPathwayParameterCommand request, CancellationToken cancellationToken)
    {
        var admin = current.Require(StaffRole.Administrator);
        ProcessParameter parameter;
        await using (var wf = await workflowDb.CreateDbContextAsync(cancellationToken))
        {
            var definition = await PathwayParameterScope.PublishedAsync(definitions, wf, request.DefinitionKey, cancellationToken);
            parameter = definition.Model.Parameters.FirstOrDefault(p => p.Name == request.Name)
                ?? throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("name",
                    $"Le parcours {request.DefinitionKey} n'a pas de paramètre {request.Name}.")]);
        }
        if (parameter.Type == ProcessParameterType.Duration && TimerValue.Check(TimerKind.Duration, request.Value) is not null)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("value",
                $"« {request.Value} » n'est pas une durée ISO 8601 (P15D, P2M, PT48H…).")]);
        if (parameter.Type == ProcessParameterType.Duration && IsoDuration.Parse(request.Value).IsZero)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("value",
                $"Un délai nul rendrait « {parameter.Label ?? parameter.Name} » en retard dès sa création : indiquer une durée (P1D, PT48H…).")]);
        if (parameter.Type == ProcessParameterType.Duration && OutOfBounds(parameter, request.Value, NodaTime.DateTimeZoneProviders.Tzdb[workflowOptions.Value.TimeZone]) is { } breach)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("value", breach)]);
        var structureId = await PathwayParameterScope.StructureAsync(db, request.DefinitionKey, request.StructureId, cancellationToken);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.DefinitionKey == request.DefinitionKey && s.Name == request.Name && s.StructureId == structureId, cancellationToken);
        if (setting is null)
            db.Settings.Add(new PathwaySetting
            {
                DefinitionKey = request.DefinitionKey, Name = request.Name, StructureId = structureId, Value = request.Value,
                ChangedAt = clock.GetUtcNow(), ChangedBy = admin.Id,
            });
        else
        {
            setting.Value = request.Value;
            setting.ChangedAt = clock.GetUtcNow();
            setting.ChangedBy = admin.Id;
        }
        return Unit.Value;
    }

    /// <summary>
    /// The French refusal naming the bound, its rule and source, or null when the value is within the definition's bounds as the
    /// engine's zone counts days (<c>Workflows:TimeZone</c>).
    /// </summary>
    private static string? OutOfBounds(ProcessParameter parameter, string value, NodaTime.DateTimeZone zone)
    {
        var duration = IsoDuration.Parse(value);
        if (parameter.IsAboveMax(duration, zone))
            return $"« {value} » dépasse le maximum de {parameter.Max} pour « {parameter.Label ?? parameter.Name} » ({parameter.Source}).";
        if (parameter.IsBelowMin(duration, zone))
            return $"« {value} » est en dessous du minimum de {parameter.Min} pour « {parameter.Label ?? parameter.Name} » ({parameter.Source}).";
        return null;
    }
}
