using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Parsing;

namespace Orchestrator.Cli;

/// <summary>Reads the BPMN file an admin command is given; a missing or invalid file is reported on stderr, problems listed.</summary>
internal static class DefinitionFile
{
    /// <summary>Reads and validates <paramref name="file"/>; every problem is written to <paramref name="stderr"/>.</summary>
    /// <param name="command">The command's name, prefixed to the messages.</param>
    /// <param name="file">The path of the BPMN file.</param>
    /// <param name="catalog">The activities a service task may name.</param>
    /// <param name="stderr">Where problems are written.</param>
    /// <returns>The XML, or null when the command must exit with code 2.</returns>
    /// <param name="now">The time timer values are checked from (a simulation's start); the current time when null.</param>
    public static async Task<string?> ReadAsync(string command, string file, ActivityCatalog catalog, TextWriter stderr, DateTimeOffset? now = null)
    {
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"{command}: {file}: no such file");
            return null;
        }
        var xml = await File.ReadAllTextAsync(file);
        var problems = BpmnParser.Validate(xml, catalog.Contains, Workflows.Timing.TimerRules.Default with { Now = now ?? DateTimeOffset.UtcNow },
            Application.Security.DecisionRights.TaskRoles);
        foreach (var problem in problems) await stderr.WriteLineAsync($"{file}: {problem}");
        if (problems.Count == 0)
            foreach (var line in BpmnParser.DescribeProcesses(xml)) await stderr.WriteLineAsync($"{file}: {line}");
        return problems.Count == 0 ? xml : null;
    }
}
