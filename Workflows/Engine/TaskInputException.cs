namespace Orchestrator.Workflows.Engine;

/// <summary>Values given to complete a user task do not match its declared fields.</summary>
public sealed class TaskInputException(IReadOnlyDictionary<string, string> errors)
    : WorkflowException("invalid-input", "The task values are not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")))
{
    /// <summary>What is wrong, by field name: the message for that field.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}
