using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Cli;

/// <summary>
/// Values a simulated user gives a task: the value passed with <c>--var</c> for a field of that name, else
/// the first choice, yes, zero, today or a placeholder text. A <c>--var</c> value that is not one of a
/// choice field's values is not an answer to that field (one name may mean different lists in two tasks).
/// </summary>
internal static class TaskAutoFill
{
    public static Dictionary<string, object?> ValuesFor(string fieldsJson, DateTimeOffset now, IReadOnlyDictionary<string, object?>? answers = null) =>
        TaskFormValidator.ReadFields(fieldsJson).Where(f => f.Required || answers?.ContainsKey(f.Name) == true).ToDictionary(f => f.Name, f => Answer(f, answers) ?? (f.Type switch
        {
            FormFieldType.Choice => f.Values[0],
            FormFieldType.Boolean => true,
            FormFieldType.Number => 0,
            FormFieldType.Date => now.ToString("O"),
            _ => (object?)"simulation",
        }));

    private static object? Answer(FormField field, IReadOnlyDictionary<string, object?>? answers)
    {
        var answer = answers?.GetValueOrDefault(field.Name);
        return field.Type == FormFieldType.Choice && !field.Values.Contains(answer?.ToString()) ? null : answer;
    }
}
