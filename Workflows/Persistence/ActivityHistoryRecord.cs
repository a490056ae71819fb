namespace Orchestrator.Workflows.Persistence;

/// <summary>One line of an instance's history (<c>wf_history</c>): an element entered, completed or cancelled, when, and by whom.</summary>
public sealed class ActivityHistoryRecord
{
    /// <summary>Row id, increasing in the order lines were written.</summary>
    public long Id { get; set; }
    /// <summary>The instance the line belongs to.</summary>
    public Guid InstanceId { get; set; }
    /// <summary>The BPMN id of the element.</summary>
    public string ElementId { get; set; } = "";
    /// <summary>The element's XML local name (<c>userTask</c>, <c>boundaryEvent</c>…).</summary>
    public string ElementType { get; set; } = "";
    /// <summary>Whether the element was entered, completed or cancelled.</summary>
    public HistoryEvent Event { get; set; }
    /// <summary>When it happened: the step's clock (UTC instant).</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>Who caused the step, as the host named them; null when the engine moved on its own (a timer, a message).</summary>
    public string? Actor { get; set; }
}
