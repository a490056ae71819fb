namespace Orchestrator.Workflows.Hosting;

/// <param name="QuartzConnectionString">Quartz's own store; on SQLite a separate file keeps its writes off the engine's lock.</param>
public sealed record WorkflowStorage(DatabaseProvider Provider, string ConnectionString, string QuartzConnectionString)
{
    public static WorkflowStorage SqliteFiles(string databaseFile, string quartzFile) =>
        new(DatabaseProvider.Sqlite, $"Data Source={databaseFile}", $"Data Source={quartzFile}");
}
