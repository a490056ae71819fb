using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Orchestrator.Diagnostics;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Diagnostics;

namespace Orchestrator.Tests.Diagnostics;

/// <summary>
/// The engine's and the domain's instruments, read back through OpenTelemetry's in-memory exporter. A listener hears every
/// meter of that name in the process, so this test runs alone, and sums the streams it hears.
/// </summary>
[Collection(nameof(TelemetryTests))]
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Steps_timers_their_lateness_alerts_by_type_and_waiting_mails_are_measured()
    {
        var exported = new List<Metric>();
        await using var h = await PathwayHarness.CreateAsync(
            smtp => (smtp.Host, smtp.Port) = ("127.0.0.1", 9), // mail on, relay never answers: the mail waits
            services => services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter(WorkflowMetrics.MeterName, DomainMetrics.MeterName)
                .AddInMemoryExporter(exported)));
        var meters = h.Services.GetRequiredService<MeterProvider>();

        var episodeId = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episodeId, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episodeId, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.AdvanceAsync(TimeSpan.FromDays(16)); // the DIPC deadline passes: a timer fires and raises "dipc-late"
        await h.Services.GetRequiredService<Orchestrator.Notifications.AlertMailOutbox>().SendDueAsync(); // refused: the mail waits
        meters.ForceFlush();

        Assert.True(Sum(exported, "orchestrator.workflow.steps") >= 4, "steps committed are counted");
        Assert.True(Count(exported, "orchestrator.workflow.step.duration") >= 4, "each step's duration is recorded");
        Assert.True(Sum(exported, "orchestrator.workflow.timers.fired") >= 1);
        Assert.True(Sum(exported, "orchestrator.workflow.timers.due") >= Sum(exported, "orchestrator.workflow.timers.fired"));
        Assert.True(Count(exported, "orchestrator.workflow.timer.lateness") >= 1);
        var alerts = Points(exported, "orchestrator.alerts.raised").ToList();
        Assert.Contains(alerts, p => Tag(p, "alert.type") == "dipc-late" && p.GetSumLong() >= 1);
        Assert.Contains(Points(exported, "orchestrator.mail.queue.length"), p => p.GetGaugeLastValueLong() == 1);
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
            foreach (ref readonly var point in metric.GetMetricPoints())
                yield return point;
    }

    // One export after ForceFlush: cumulative values, one stream per meter instance of that name.
    private static long Sum(List<Metric> metrics, string name) => Points(metrics, name).Sum(p => p.GetSumLong());

    private static long Count(List<Metric> metrics, string name) => Points(metrics, name).Sum(p => (long)p.GetHistogramCount());

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags) if (tag.Key == key) return tag.Value?.ToString();
        return null;
    }
}
