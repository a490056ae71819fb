using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Definitions;

public sealed record LoadedDefinition(Guid Id, string Key, int Version, DefinitionState State, ProcessModel Model);
