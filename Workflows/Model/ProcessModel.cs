namespace Orchestrator.Workflows.Model;

/// <summary>An immutable, validated process ready to run. Built once per definition version and shared.</summary>
public sealed class ProcessModel
{
    private readonly IReadOnlyDictionary<string, FlowElement> _elements;

    internal ProcessModel(string id, string? name, IReadOnlyDictionary<string, FlowElement> elements,
        IReadOnlyList<SequenceFlow> flows, string startEventId, IReadOnlyList<FlowElement> documentOrder,
        IReadOnlyList<ProcessParameter> parameters)
    {
        Parameters = parameters;
        Id = id;
        Name = name;
        _elements = elements;
        Flows = flows;
        StartEventId = startEventId;
        DocumentOrder = documentOrder;
    }

    /// <summary>The BPMN process id.</summary>
    public string Id { get; }
    /// <summary>The process name shown on the diagram; null when it has none.</summary>
    public string? Name { get; }
    /// <summary>Every sequence flow of the process, sub-processes included.</summary>
    public IReadOnlyList<SequenceFlow> Flows { get; }
    /// <summary>The process-level start event a plain start (or a message start) enters.</summary>
    public string StartEventId { get; }
    /// <summary>Every element, sub-processes' children included, in the order of the BPMN file.</summary>
    public IReadOnlyList<FlowElement> DocumentOrder { get; }
    /// <summary>The deadlines and other values an administrator may tune without editing the diagram.</summary>
    public IReadOnlyList<ProcessParameter> Parameters { get; }

    /// <summary>The element <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">The process has no such element.</exception>
    public FlowElement this[string id] => _elements.TryGetValue(id, out var element)
        ? element
        : throw new KeyNotFoundException($"Element '{id}' is not part of process '{Id}'.");

    /// <summary>Whether the process has an element <paramref name="id"/>.</summary>
    public bool Contains(string id) => _elements.ContainsKey(id);

    private ILookup<string, FlowElement>? _eventSubProcesses;

    /// <summary>
    /// The event sub-processes directly inside <paramref name="containerId"/> (a sub-process id, or null for the process
    /// level), in document order: they listen while that scope runs.
    /// </summary>
    public IEnumerable<FlowElement> EventSubProcessesIn(string? containerId) =>
        (_eventSubProcesses ??= DocumentOrder.Where(e => e.TriggeredByEvent).ToLookup(e => e.ParentId ?? ""))[containerId ?? ""];

    /// <summary>Whether any element catches escalations: a called instance then hears its callee's escalations.</summary>
    public bool CatchesEscalations => DocumentOrder.Any(e => e.Trigger == EventTrigger.Escalation
        && e.Kind is ElementKind.BoundaryEvent or ElementKind.StartEvent);

    /// <summary>Every element, in document order (same as <see cref="DocumentOrder"/>).</summary>
    public IEnumerable<FlowElement> Elements => DocumentOrder;

    /// <summary>The element of <see cref="StartEventId"/>.</summary>
    public FlowElement StartEvent => this[StartEventId];

    /// <summary>The message names of the process-level message start events: each starts an instance when published.</summary>
    public IEnumerable<string> MessageStartNames => DocumentOrder
        .Where(e => e.Kind == ElementKind.StartEvent && e.ParentId is null && e.Message is not null)
        .Select(e => e.Message!.MessageName);
}
