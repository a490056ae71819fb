namespace Orchestrator.Workflows.Hosting;

/// <summary>Where the engine keeps its rows and Quartz its triggers.</summary>
/// <param name="Provider">SQLite (embedded default) or PostgreSQL.</param>
/// <param name="ConnectionString">The engine's (and the host's) database.</param>
/// <param name="QuartzConnectionString">Quartz's own store; on SQLite a separate file keeps its writes off the engine's lock.</param>
public sealed record WorkflowStorage(DatabaseProvider Provider, string ConnectionString, string QuartzConnectionString)
{
    /// <summary>Two SQLite files: <paramref name="databaseFile"/> for the rows, <paramref name="quartzFile"/> for Quartz's store.</summary>
    public static WorkflowStorage SqliteFiles(string databaseFile, string quartzFile) =>
        new(DatabaseProvider.Sqlite, $"Data Source={databaseFile}", $"Data Source={quartzFile}");
}
