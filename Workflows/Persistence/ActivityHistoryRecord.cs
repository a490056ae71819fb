namespace Orchestrator.Workflows.Persistence;

/// <summary>One line of an instance's history (<c>wf_history</c>): an element entered, completed or cancelled, when, and by whom.</summary>
public sealed class ActivityHistoryRecord
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ElementId { get; set; } = "";
    public string ElementType { get; set; } = "";
    public HistoryEvent Event { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Actor { get; set; }
}
