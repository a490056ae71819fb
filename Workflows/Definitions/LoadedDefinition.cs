using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Definitions;

/// <summary>A definition version with its parsed model, as the engine runs it.</summary>
/// <param name="Id">The version's id (<c>wf_definitions.Id</c>).</param>
/// <param name="Key">The process id the versions share.</param>
/// <param name="Version">1, 2, … in the order the versions were saved.</param>
/// <param name="State">Draft, published or retired.</param>
/// <param name="Model">The parsed process.</param>
public sealed record LoadedDefinition(Guid Id, string Key, int Version, DefinitionState State, ProcessModel Model);
