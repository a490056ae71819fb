using System.Text.Json.Nodes;

namespace Orchestrator.Workflows.Extensibility;

/// <summary>What an activity may read about the step it runs in, and the one way it has to act outside it.</summary>
public sealed class ActivityContext
{
    private readonly List<(string Type, JsonObject Payload)> _events;

    internal ActivityContext(Guid instanceId, string definitionKey, string elementId, string? businessKey,
        DateTimeOffset now, IReadOnlyDictionary<string, object?> inputs, JsonObject variables,
        List<(string Type, JsonObject Payload)> events, IServiceProvider services, NodaTime.DateTimeZone timeZone)
    {
        InstanceId = instanceId;
        DefinitionKey = definitionKey;
        ElementId = elementId;
        BusinessKey = businessKey;
        Now = now;
        Inputs = inputs;
        Variables = variables;
        _events = events;
        Services = services;
        TimeZone = timeZone;
    }

    /// <summary>The instance the service task runs in.</summary>
    public Guid InstanceId { get; }
    /// <summary>The instance's definition key (BPMN process id).</summary>
    public string DefinitionKey { get; }
    /// <summary>The BPMN id of the service task.</summary>
    public string ElementId { get; }
    /// <summary>The instance's business key (the host's handle, e.g. an episode id); null when it has none.</summary>
    public string? BusinessKey { get; }
    /// <summary>The step's clock (UTC instant): use it rather than the system clock, so runs and replays agree.</summary>
    public DateTimeOffset Now { get; }
    /// <summary>The task's <c>orc:input</c> values, <c>${…}</c> already evaluated.</summary>
    public IReadOnlyDictionary<string, object?> Inputs { get; }
    /// <summary>A copy of the instance variables; change them through <see cref="ActivityResult"/> outputs.</summary>
    public JsonObject Variables { get; }
    /// <summary>The step's service scope, to resolve what the activity needs.</summary>
    public IServiceProvider Services { get; }
    /// <summary>The zone calendar deadlines are counted in (Europe/Paris by default).</summary>
    public NodaTime.DateTimeZone TimeZone { get; }

    /// <summary>When a deadline input falls: an ISO 8601 duration counted from now, or a date taken as it is; null when the input is absent.</summary>
    public DateTimeOffset? DueFrom(string durationInput)
    {
        var text = Input(durationInput);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Timing.IsoDuration.TryParse(text, out var duration)) return duration.AddTo(Now, TimeZone);
        // A deadline already computed (PlanDeadline's output, ${meetingDeadline}) is taken as it is.
        if (Timing.ZonedDates.TryParse(text, TimeZone, out var date)) return date;
        throw new InvalidOperationException($"Input '{durationInput}' of service task '{ElementId}' is '{text}', neither an ISO 8601 duration nor a date.");
    }

    /// <summary>The input <paramref name="name"/> as text, its <c>${…}</c> already evaluated; null when the service task does not give it.</summary>
    public string? Input(string name) => Inputs.TryGetValue(name, out var value) ? value?.ToString() : null;

    /// <summary>The input <paramref name="name"/> as text (see <see cref="Input"/>).</summary>
    /// <exception cref="InvalidOperationException">The service task does not give it, or gives an empty value; the step fails, naming the task.</exception>
    public string RequiredInput(string name) => Input(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"Service task '{ElementId}' needs input '{name}'.");

    /// <summary>Records an event in the step's outbox; the host receives it after the step commits.</summary>
    public void Emit(string type, JsonObject payload) => _events.Add((type, payload));
}
