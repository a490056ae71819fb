namespace Orchestrator.Workflows.Persistence;

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
