using Orchestrator.Cli.Scenarios;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Demo;

/// <summary>
/// The answers the shipped scenarios give each task (<c>lhss.scenarios.json</c> and the others), as a pool a simulated
/// professional draws from: a renewal decided « renew » in one scenario and « exit » in another is answered either way.
/// Only choices and yes/no answers are taken; dates and texts stay the simulated user's, since a scenario's dates belong to
/// its own calendar.
/// </summary>
public sealed class ScenarioAnswers
{
    private readonly Dictionary<string, List<IReadOnlyDictionary<string, object?>>> _byTask = new();

    private ScenarioAnswers() { }

    /// <summary>Every answer of every <c>*.scenarios.json</c> in <paramref name="folder"/>, by task id.</summary>
    /// <exception cref="ScenarioException">A scenarios file is malformed (the message names it).</exception>
    public static ScenarioAnswers Load(string folder)
    {
        var pool = new ScenarioAnswers();
        foreach (var file in Directory.EnumerateFiles(folder, "*.scenarios.json").Order(StringComparer.Ordinal))
            foreach (var scenario in ScenarioFile.Parse(File.ReadAllText(file), Path.GetFileName(file)))
                foreach (var (taskId, answers) in scenario.Tasks)
                    foreach (var answer in answers.Where(a => a.Values.Count > 0))
                    {
                        if (!pool._byTask.TryGetValue(taskId, out var list)) pool._byTask[taskId] = list = new();
                        list.Add(answer.Values);
                    }
        return pool;
    }

    /// <summary>How many task ids the scenarios answer.</summary>
    public int TaskCount => _byTask.Count;

    /// <summary>
    /// Overwrites in <paramref name="values"/> the choice and yes/no fields of <paramref name="fields"/> with one scenario answer
    /// to <paramref name="taskId"/>, drawn with <paramref name="random"/>; a value the form does not offer is left as it was.
    /// </summary>
    public void Apply(string taskId, IReadOnlyList<FormField> fields, Dictionary<string, object?> values, Bogus.Randomizer random)
    {
        if (!_byTask.TryGetValue(taskId, out var answers)) return;
        var answer = answers[random.Int(0, answers.Count - 1)];
        foreach (var field in fields)
        {
            if (!answer.TryGetValue(field.Name, out var value)) continue;
            if (field.Type == FormFieldType.Choice && value is string text && field.Values.Contains(text)) values[field.Name] = text;
            else if (field.Type == FormFieldType.Boolean && value is bool flag) values[field.Name] = flag;
        }
    }
}
