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
    /// <remarks>
    /// An optional field is answered only with a <c>--var</c> value it accepts: one it does not (« pending » for a choice between
    /// « accepted » and « refused ») leaves it unanswered, rather than answered with its first choice, which would write a
    /// value nobody gave (and a called process would bring it back over what a parallel branch set).
    /// </remarks>
    public static Dictionary<string, object?> ValuesFor(string fieldsJson, DateTimeOffset now, IReadOnlyDictionary<string, object?>? answers = null) =>
        TaskFormValidator.ReadFields(fieldsJson)
            .Select(f => (Field: f, Given: answers?.ContainsKey(f.Name) == true ? Answer(f, answers) : null))
            .Where(a => a.Field.Required || a.Given is not null)
            .ToDictionary(a => a.Field.Name, a => a.Given ?? (a.Field.Type switch
            {
                FormFieldType.Choice => a.Field.Values[0],
                FormFieldType.Boolean => true,
                FormFieldType.Number => 0,
                FormFieldType.Date => now.ToString("O"),
                _ => (object?)"simulation",
            }));

    /// <summary>The <c>--var</c> value for the field when the field accepts it as such (its type, a choice's values); else null.</summary>
    private static object? Answer(FormField field, IReadOnlyDictionary<string, object?>? answers)
    {
        var answer = answers?.GetValueOrDefault(field.Name);
        if (answer is null || (field.Type == FormFieldType.Choice && !field.Values.Contains(answer.ToString()))) return null;
        try
        {
            // The form's own check, bounds aside (they depend on the instance): text for a number, 5 for a text, 1 for a yes/no.
            TaskFormValidator.Validate([field], Workflows.Runtime.Values.ToObject(new Dictionary<string, object?> { [field.Name] = answer }));
            return answer;
        }
        catch (TaskInputException)
        {
            return null;
        }
    }
}
