using Orchestrator.Workflows.Engine;
using Quartz;

namespace Orchestrator.Workflows.Scheduling;

/// <summary>One durable job; each timer bookmark is a trigger on it whose name is the bookmark id.</summary>
public sealed class WorkflowTimerJob(WorkflowEngine engine) : IJob
{
    /// <summary>The job every timer trigger fires.</summary>
    public static readonly JobKey Key = new("workflow-timer", "workflow");
    /// <summary>The Quartz group of the timers' triggers.</summary>
    public const string TriggerGroup = "workflow-timers";

    /// <summary>
    /// The job as stored: durable, and asking for recovery, so that a timer a node was firing when it died is fired again
    /// by the node that takes over (firing a bookmark already consumed does nothing, so a step is never applied twice).
    /// </summary>
    public static IJobDetail Detail() => JobBuilder.Create<WorkflowTimerJob>().WithIdentity(Key).StoreDurably().RequestRecovery().Build();

    /// <summary>Fires the bookmark the trigger is named after; one already consumed does nothing.</summary>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(context.Trigger.Key.Name, out var bookmarkId)) return;
        await engine.FireTimerAsync(bookmarkId, cancellationToken);
    }
}
