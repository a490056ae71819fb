using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Parsing;

namespace Orchestrator.Cli;

/// <summary>Reads the BPMN file an admin command is given; a missing or invalid file is reported on stderr, problems listed.</summary>
internal static class DefinitionFile
{
    /// <returns>The XML, or null when the command must exit with code 2.</returns>
    public static async Task<string?> ReadAsync(string command, string file, ActivityCatalog catalog, TextWriter stderr)
    {
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"{command}: {file}: no such file");
            return null;
        }
        var xml = await File.ReadAllTextAsync(file);
        var problems = BpmnParser.Validate(xml, catalog.Contains);
        foreach (var problem in problems) await stderr.WriteLineAsync($"{file}: {problem}");
        if (problems.Count == 0)
            foreach (var line in BpmnParser.DescribeProcesses(xml)) await stderr.WriteLineAsync($"{file}: {line}");
        return problems.Count == 0 ? xml : null;
    }
}
