namespace Orchestrator.Domain.Alerts;

/// <summary>
/// How far the overdue-task scan has looked (one row, <see cref="Current"/>): each pass reads only the tasks that crossed a threshold
/// since the previous one, not every late task a region ever left open. Written in the transaction that raises the pass's alerts,
/// so a pass is taken into account exactly when its alerts are. All instants are UTC.
/// </summary>
public sealed class OverdueScanMark
{
    /// <summary>The key of the only row.</summary>
    public const int Current = 1;

    /// <summary>Always <see cref="Current"/>.</summary>
    public int Id { get; init; } = Current;

    /// <summary>Open tasks due up to this instant have been checked for « Tâche en retard » (the last pass's clock minus the grace).</summary>
    public DateTimeOffset LateDueThrough { get; set; }

    /// <summary>Open tasks due up to this instant have been checked for the director's escalation (the last pass's clock minus the escalation delay).</summary>
    public DateTimeOffset EscalationDueThrough { get; set; }

    /// <summary>Tasks created up to this instant have been seen (the last pass's clock): a task created already late is checked once.</summary>
    public DateTimeOffset CreatedThrough { get; set; }
}
