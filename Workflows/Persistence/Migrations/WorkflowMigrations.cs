namespace Orchestrator.Workflows.Persistence.Migrations;

/// <summary>Where the engine records its applied migrations; the host's context keeps its own table in the same database.</summary>
public static class WorkflowMigrations
{
    /// <summary>The engine's migrations history table.</summary>
    public const string HistoryTable = "__wf_migrations";
}
