using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Orchestrator.Tests.Support;

/// <summary>Every Serilog event the host writes, as the file and console sinks receive it.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Each event as a sink would write it: rendered message, properties and exception.</summary>
    public IEnumerable<string> Written => Events.Select(e =>
        $"{e.Level} {e.RenderMessage()} {string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}");

    /// <summary>The request-log line of each request to <paramref name="loggedPath"/> (as logged).</summary>
    public IEnumerable<LogEvent> Requests(string loggedPath) => Events.Where(e =>
        e.Properties.TryGetValue("RequestPath", out var path) && path is ScalarValue { Value: string p } && p == loggedPath
        && e.Properties.ContainsKey("StatusCode"));
}
