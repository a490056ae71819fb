using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Cli;

/// <summary>
/// Values a simulated user gives a task: a scenario's answer as written, else the value passed with <c>--var</c> for a field of
/// that name when the field accepts it, else the first choice, yes, zero, today (the nearest day the field's bounds allow) or a
/// placeholder text. A <c>--var</c> value that is not one of a choice field's values is not an answer to that field (one name may
/// mean different lists in two tasks), nor is a date outside the field's bounds.
/// </summary>
internal static class TaskAutoFill
{
    /// <remarks>
    /// A field is given a <c>--var</c> value (<paramref name="variables"/>) only when it accepts it: one it does not (« pending » for a
    /// choice between « accepted » and « refused », a word for a number) leaves an optional field unanswered and a required one
    /// answered with the default, rather than write a value nobody gave (a called process would bring it back over what a parallel
    /// branch set) or have the completion refused. A scenario's answer (<paramref name="answers"/>) is given as written: the engine
    /// judges it, and a refusal shows. <paramref name="bounds"/> resolves date fields' bounds against the task's instance, as the
    /// completion does; without it, they are not checked.
    /// </remarks>
    public static Dictionary<string, object?> ValuesFor(string fieldsJson, DateTimeOffset now, IReadOnlyDictionary<string, object?>? variables = null,
        IReadOnlyDictionary<string, object?>? answers = null, DateBounds? bounds = null) =>
        TaskFormValidator.ReadFields(fieldsJson)
            .Select(f => answers is not null && answers.TryGetValue(f.Name, out var written) ? (Field: f, Given: written, Written: true)
                : (Field: f, Given: variables?.ContainsKey(f.Name) == true ? Answer(f, variables, bounds) : null, Written: false))
            .Where(a => a.Written || a.Field.Required || a.Given is not null)
            .ToDictionary(a => a.Field.Name, a => a.Written ? a.Given : a.Given ?? (a.Field.Type switch
            {
                FormFieldType.Choice => a.Field.Values[0],
                FormFieldType.Boolean => true,
                FormFieldType.Number => 0,
                FormFieldType.Date => DefaultDate(a.Field, now, bounds).ToString("O"),
                _ => (object?)"simulation",
            }));

    /// <summary>Now, or the nearest day the field's bounds allow when now lies outside them (its suggested day when it has one).</summary>
    private static DateTimeOffset DefaultDate(FormField field, DateTimeOffset now, DateBounds? bounds)
    {
        if (bounds?.WindowOf(field) is not { } window) return now;
        if (window.Earliest is { } earliest && now < earliest) return window.Suggested ?? earliest;
        if (window.Latest is { } latest && now > latest) return window.Suggested ?? latest;
        return now;
    }

    /// <summary>The <c>--var</c> value for the field when the field accepts it as such (its type, a choice's values, a date's bounds); else null.</summary>
    private static object? Answer(FormField field, IReadOnlyDictionary<string, object?>? answers, DateBounds? bounds)
    {
        var answer = answers?.GetValueOrDefault(field.Name);
        if (answer is null || (field.Type == FormFieldType.Choice && !field.Values.Contains(answer.ToString()))) return null;
        try
        {
            // The form's own check: text for a number, 5 for a text, 1 for a yes/no, a date before the admission it may not precede.
            TaskFormValidator.Validate([field], Workflows.Runtime.Values.ToObject(new Dictionary<string, object?> { [field.Name] = answer }), bounds);
            return answer;
        }
        catch (TaskInputException)
        {
            return null;
        }
    }
}
