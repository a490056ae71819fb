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

    public string Id { get; }
    public string? Name { get; }
    public IReadOnlyList<SequenceFlow> Flows { get; }
    /// <summary>The process-level start event a plain start (or a message start) enters.</summary>
    public string StartEventId { get; }
    public IReadOnlyList<FlowElement> DocumentOrder { get; }
    /// <summary>The deadlines and other values an administrator may tune without editing the diagram.</summary>
    public IReadOnlyList<ProcessParameter> Parameters { get; }

    public FlowElement this[string id] => _elements.TryGetValue(id, out var element)
        ? element
        : throw new KeyNotFoundException($"Element '{id}' is not part of process '{Id}'.");

    public bool Contains(string id) => _elements.ContainsKey(id);

    public IEnumerable<FlowElement> Elements => DocumentOrder;

    public FlowElement StartEvent => this[StartEventId];

    public IEnumerable<string> MessageStartNames => DocumentOrder
        .Where(e => e.Kind == ElementKind.StartEvent && e.ParentId is null && e.Message is not null)
        .Select(e => e.Message!.MessageName);
}
