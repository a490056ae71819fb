using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Cli;

/// <summary>
/// Values a simulated user gives a task: a scenario's answer as written, else the value passed with <c>--var</c> for a field of
/// that name when the field accepts it, else the first choice, yes, zero, today or a placeholder text. A <c>--var</c> value that is
/// not one of a choice field's values is not an answer to that field (one name may mean different lists in two tasks).
/// </summary>
internal static class TaskAutoFill
{
    /// <remarks>
    /// A field is given a <c>--var</c> value (<paramref name="variables"/>) only when it accepts it: one it does not (« pending » for a
    /// choice between « accepted » and « refused », a word for a number) leaves an optional field unanswered and a required one
    /// answered with the default, rather than write a value nobody gave (a called process would bring it back over what a parallel
    /// branch set) or have the completion refused. A scenario's answer (<paramref name="answers"/>) is given as written: the engine
    /// judges it, and a refusal shows.
    /// </remarks>
    public static Dictionary<string, object?> ValuesFor(string fieldsJson, DateTimeOffset now, IReadOnlyDictionary<string, object?>? variables = null,
        IReadOnlyDictionary<string, object?>? answers = null) =>
        TaskFormValidator.ReadFields(fieldsJson)
            .Select(f => answers is not null && answers.TryGetValue(f.Name, out var written) ? (Field: f, Given: written, Written: true)
                : (Field: f, Given: variables?.ContainsKey(f.Name) == true ? Answer(f, variables) : null, Written: false))
            .Where(a => a.Written || a.Field.Required || a.Given is not null)
            .ToDictionary(a => a.Field.Name, a => a.Written ? a.Given : a.Given ?? (a.Field.Type switch
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
