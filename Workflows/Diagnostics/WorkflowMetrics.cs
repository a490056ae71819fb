using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orchestrator.Workflows.Diagnostics;

/// <summary>
/// The engine's instruments (meter <see cref="MeterName"/>) and spans (activity source <see cref="ActivitySourceName"/>), read by
/// OpenTelemetry when the host exports them. Durations and lateness are in seconds.
/// </summary>
public sealed class WorkflowMetrics
{
    /// <summary>The meter's name, what OpenTelemetry's <c>AddMeter</c> is given.</summary>
    public const string MeterName = "Orchestrator.Workflows";

    /// <summary>The activity source's name, what OpenTelemetry's <c>AddSource</c> is given.</summary>
    public const string ActivitySourceName = "Orchestrator.Workflows";

    /// <summary>Spans of the engine: one per step.</summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private readonly Counter<long> _steps;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _incidents;
    private readonly Counter<long> _timersDue;
    private readonly Counter<long> _timersFired;
    private readonly Histogram<double> _timerLateness;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public WorkflowMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _steps = meter.CreateCounter<long>("orchestrator.workflow.steps", "{step}", "Steps committed (a start, a task completed, a timer fired, a message delivered).");
        _stepDuration = meter.CreateHistogram<double>("orchestrator.workflow.step.duration", "s", "Time from the start of a step to its commit.");
        _incidents = meter.CreateCounter<long>("orchestrator.workflow.incidents", "{incident}", "Steps that failed, were rolled back and became an incident.");
        _timersDue = meter.CreateCounter<long>("orchestrator.workflow.timers.due", "{timer}", "Timers found due and handed to a step.");
        _timersFired = meter.CreateCounter<long>("orchestrator.workflow.timers.fired", "{timer}", "Timers whose step committed.");
        _timerLateness = meter.CreateHistogram<double>("orchestrator.workflow.timer.lateness", "s", "Time between a timer's due instant and the commit of its step.");
    }

    /// <summary>A step committed after <paramref name="elapsed"/>.</summary>
    public void StepCommitted(TimeSpan elapsed)
    {
        _steps.Add(1);
        _stepDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>A step failed on an element and an incident was recorded.</summary>
    public void IncidentRecorded(string elementId) => _incidents.Add(1, new KeyValuePair<string, object?>("workflow.element", elementId));

    /// <summary>A timer was due and its step is about to run.</summary>
    public void TimerDue() => _timersDue.Add(1);

    /// <summary>A timer's step committed <paramref name="lateness"/> after its due instant.</summary>
    public void TimerFired(TimeSpan lateness)
    {
        _timersFired.Add(1);
        _timerLateness.Record(Math.Max(0, lateness.TotalSeconds));
    }
}
