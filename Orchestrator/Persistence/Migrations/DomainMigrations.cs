namespace Orchestrator.Persistence.Migrations;

/// <summary>Where the domain records its applied migrations; the engine keeps its own table in the same database.</summary>
public static class DomainMigrations
{
    /// <summary>The domain's migrations history table.</summary>
    public const string HistoryTable = "__orc_migrations";
}
