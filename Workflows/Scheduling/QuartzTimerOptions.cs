namespace Orchestrator.Workflows.Scheduling;

public sealed class QuartzTimerOptions
{
    /// <summary>
    /// Quartz holds only the timers due within this horizon; the reconciler hands over the others as they
    /// come within it. A pathway's timers are mostly weeks or months away: keeping them all as triggers
    /// would cost a scheduler write for every wait and its cancellation, for timers that mostly never fire
    /// (the task is done first), and would make every reconciliation read them all.
    /// </summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often the reconciler runs: comfortably shorter than the horizon, so no timer comes due before Quartz has it. It is also
    /// the longest a timer waits when the node that committed it died before handing it to Quartz (another node's reconciler
    /// finds it in the database), so it is short: a pass reads only the timers within the horizon.
    /// </summary>
    public TimeSpan ReconcilePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// With several nodes (clustered store on PostgreSQL): how often each node checks in. A node that has not checked in
    /// for about twice this long is taken for dead and another node fires its timers, those it was firing included.
    /// Quartz's default, 7.5 seconds.
    /// </summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);
}
