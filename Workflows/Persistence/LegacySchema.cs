namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// How the last release before migrations marked a database it created: one row of its <c>orc_schema</c>
/// table per context, holding a SHA-256 fingerprint of the model. A database whose row holds one of
/// <paramref name="Fingerprints"/> has exactly the schema of the baseline migration and is adopted at it.
/// </summary>
/// <param name="ContextName">The context's name as that release wrote it (<c>WorkflowDbContext</c>, <c>OrchestratorDbContext</c>).</param>
/// <param name="ProbeTable">A table every such database has; its absence means an empty database.</param>
/// <param name="Fingerprints">Upper-case hexadecimal fingerprints that release wrote, for this provider.</param>
public sealed record LegacySchema(string ContextName, string ProbeTable, IReadOnlyCollection<string> Fingerprints);
