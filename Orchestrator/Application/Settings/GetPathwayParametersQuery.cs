using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Settings;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.Settings;

/// <summary>
/// The deadlines of a published definition as the administrator tunes them: BPMN default, value for every structure,
/// each structure's own value and the structures that may have one (those running the definition), with the legal bounds.
/// </summary>
/// <exception cref="Workflows.Engine.WorkflowNotFoundException">No published definition has this key (404).</exception>
public sealed record GetPathwayParametersQuery(string DefinitionKey) : IRequest<IReadOnlyList<ParameterSettings>>;

/// <summary>A structure's own value of a parameter, with its département to read the usage of a département at a glance.</summary>
public sealed record StructureValue(Guid StructureId, string Structure, string Department, string Value);

/// <summary>
/// A parameter with its BPMN default, the value for every structure (null: the default), the structures' own values, the
/// structures that may hold one, and its bounds (ISO 8601 durations) with their legal source.
/// </summary>
public sealed record ParameterSettings(string Name, string? Label, string Type, string Default, string? Value, string? Min, string? Max, string? Source,
    IReadOnlyList<StructureValue> Overrides);

/// <summary>A structure that runs the definition, for the screen's choice of where a value applies.</summary>
public sealed record ParameterStructure(Guid Id, string Name, string Department);

/// <summary>Handles <see cref="GetPathwayParametersQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class GetPathwayParametersHandler(OrchestratorDbContext db, IDbContextFactory<WorkflowDbContext> workflowDb, DefinitionCache definitions, CurrentStaff current)
    : IRequestHandler<GetPathwayParametersQuery, IReadOnlyList<ParameterSettings>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<ParameterSettings>> Handle(GetPathwayParametersQuery request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.Administrator);
        await using var wf = await workflowDb.CreateDbContextAsync(cancellationToken);
        var definition = await PathwayParameterScope.PublishedAsync(definitions, wf, request.DefinitionKey, cancellationToken);
        var settings = await db.Settings.AsNoTracking().Where(s => s.DefinitionKey == request.DefinitionKey).ToListAsync(cancellationToken);
        var structures = await db.Structures.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        return definition.Model.Parameters.Select(p => new ParameterSettings(p.Name, p.Label, p.Type.ToString().ToLowerInvariant(), p.DefaultValue,
                settings.FirstOrDefault(s => s.Name == p.Name && s.StructureId == PathwaySetting.AllStructures)?.Value, p.Min, p.Max, p.Source,
                settings.Where(s => s.Name == p.Name && s.StructureId != PathwaySetting.AllStructures && structures.ContainsKey(s.StructureId))
                    .Select(s => new StructureValue(s.StructureId, structures[s.StructureId].Name, structures[s.StructureId].Department, s.Value))
                    .OrderBy(v => v.Department).ThenBy(v => v.Structure).ToList()))
            .ToList();
    }
}

/// <summary>The structures that may hold their own value of a definition's parameters (those running it), by département.</summary>
public sealed record ListParameterStructuresQuery(string DefinitionKey) : IRequest<IReadOnlyList<ParameterStructure>>;

/// <summary>Handles <see cref="ListParameterStructuresQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class ListParameterStructuresHandler(OrchestratorDbContext db, CurrentStaff current) : IRequestHandler<ListParameterStructuresQuery, IReadOnlyList<ParameterStructure>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<ParameterStructure>> Handle(ListParameterStructuresQuery request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.Administrator);
        return (await db.Structures.AsNoTracking().ToListAsync(cancellationToken))
            .Where(s => PathwayParameterScope.Runs(s.Type, request.DefinitionKey))
            .OrderBy(s => s.Department).ThenBy(s => s.Name).Select(s => new ParameterStructure(s.Id, s.Name, s.Department)).ToList();
    }
}
