namespace Orchestrator.Workflows.Hosting;

/// <summary>Where the engine and the host keep their data.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, no server, single node.</summary>
    Sqlite,
    /// <summary>Scale-out: application data and a clustered Quartz store on PostgreSQL.</summary>
    PostgreSql,
}
