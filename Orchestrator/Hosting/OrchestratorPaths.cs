using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Hosting;

/// <summary>Where the embedded default keeps its files, and which database a deployment uses.</summary>
public static class OrchestratorPaths
{
    /// <summary>The data folder (<c>Orchestrator:DataDirectory</c>, else <c>data</c> in the current directory), created if missing.</summary>
    public static string DataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var directory = configuration["Orchestrator:DataDirectory"] ?? Path.Combine(Environment.CurrentDirectory, "data");
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>The log folder: <c>Orchestrator:LogDirectory</c>, else <c>logs</c> in the data folder.</summary>
    public static string LogDirectory(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["Orchestrator:LogDirectory"] ?? Path.Combine(DataDirectory(configuration, environment), "logs");

    /// <summary>The folder of the shipped BPMN definitions: <c>Orchestrator:DefinitionsDirectory</c>, else <c>workflow-definitions</c> next to the app.</summary>
    public static string DefinitionsDirectory(IConfiguration configuration) =>
        configuration["Orchestrator:DefinitionsDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "workflow-definitions");

    /// <summary>SQLite files by default; <c>ConnectionStrings:Postgres</c> (and optionally <c>Quartz</c>) switch to PostgreSQL.</summary>
    public static WorkflowStorage Storage(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration.GetConnectionString("Postgres") is { Length: > 0 } postgres)
            return new WorkflowStorage(DatabaseProvider.PostgreSql, postgres, configuration.GetConnectionString("Quartz") ?? postgres);
        var data = DataDirectory(configuration, environment);
        return WorkflowStorage.SqliteFiles(Path.Combine(data, "orchestrator.db"), Path.Combine(data, "quartz.db"));
    }
}
