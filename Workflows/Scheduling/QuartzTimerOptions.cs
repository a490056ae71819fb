namespace Orchestrator.Workflows.Scheduling;

/// <summary>How the engine uses Quartz (section <c>Workflows:Quartz</c>): the horizon of the timers it holds, the reconciliation period, clustering.</summary>
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

    /// <summary>
    /// The longest one call into Quartz's store (a batch of up to 2,000 triggers written, the trigger keys read) may take before
    /// it is given up as a failure, which is logged; the next reconciliation tries again. Two minutes: far beyond a healthy
    /// store's answer, short enough that a stuck one does not stop a node's timers unnoticed.
    /// </summary>
    public TimeSpan StoreCallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The clock <see cref="StoreCallTimeout"/> is measured on: the system clock, not the host's <see cref="TimeProvider"/>,
    /// because it bounds how long the machine waits for a database, which no scheduling clock (simulated, or stopped in a test)
    /// may hold back.
    /// </summary>
    public TimeProvider WallClock { get; set; } = TimeProvider.System;
}
