namespace Orchestrator.Workflows.Engine;

/// <summary>What a <see cref="WorkflowNotFoundException"/> did not find.</summary>
public enum MissingSubject
{
    /// <summary>A definition version by id, or any published version of a key.</summary>
    Definition,
    /// <summary>A draft of a definition key, to publish.</summary>
    Draft,
    /// <summary>An instance by id.</summary>
    Instance,
    /// <summary>A user task by id.</summary>
    Task,
    /// <summary>An incident by id.</summary>
    Incident,
}

/// <summary>
/// The engine has no such definition, draft, instance, task or incident (a 404). <see cref="Subject"/> and <see cref="Key"/> (the id or
/// the definition key asked for) let a screen or the API say in French what is missing; the message is English, for the log.
/// </summary>
public sealed class WorkflowNotFoundException(MissingSubject subject, string key, string message) : WorkflowException("not-found", message)
{
    /// <summary>What was not found.</summary>
    public MissingSubject Subject { get; } = subject;

    /// <summary>The id or definition key asked for.</summary>
    public string Key { get; } = key;
}
