using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Cli;

/// <summary>Values a simulated user gives a task: the first choice, yes, zero, today, a placeholder text.</summary>
internal static class TaskAutoFill
{
    public static Dictionary<string, object?> ValuesFor(string fieldsJson, DateTimeOffset now) =>
        TaskFormValidator.ReadFields(fieldsJson).Where(f => f.Required).ToDictionary(f => f.Name, f => (object?)(f.Type switch
        {
            FormFieldType.Choice => f.Values[0],
            FormFieldType.Boolean => true,
            FormFieldType.Number => 0,
            FormFieldType.Date => now.ToString("O"),
            _ => "simulation",
        }));
}
