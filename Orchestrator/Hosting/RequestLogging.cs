using System.Text.RegularExpressions;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Orchestrator.Hosting;

/// <summary>
/// One line per request, at the status the client actually got: it is registered outside the exception
/// handler, so a refused request (an exception mapped to a 4xx problem) is logged as that 4xx, at
/// Information level and without a stack trace, and only a real failure as a 500 at Error level. Paths
/// that carry a secret (the calendar feed's address) are logged masked; query strings, headers and
/// cookies are never logged.
/// </summary>
public static partial class RequestLogging
{
    [GeneratedRegex(@"^/calendrier/[^/]+\.ics$", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarFeed();

    /// <summary>The path as it may be written to a log: a calendar feed's secret replaced by <c>***</c>.</summary>
    public static string LoggablePath(string path) => CalendarFeed().IsMatch(path) ? "/calendrier/***.ics" : path;

    /// <summary>Logs one line per request (method, masked path, status, elapsed ms): Error for a 5xx or an exception, Information otherwise.</summary>
    public static IApplicationBuilder UseOrchestratorRequestLogging(this IApplicationBuilder app) => app.UseSerilogRequestLogging(o =>
    {
        // This host's logger, not the process-wide static one (which another host in the same process may own).
        o.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
        o.GetMessageTemplateProperties = (http, path, elapsed, status) =>
        [
            new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
            new LogEventProperty("RequestPath", new ScalarValue(LoggablePath(path))),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ];
        o.GetLevel = (http, elapsed, exception) => exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Information;
    });

    /// <summary>
    /// Masks the secret path on every event, not only the request line: ASP.NET Core puts the request's path
    /// in the logging scope of whatever is logged while it runs (a warning, a database error).
    /// </summary>
    public sealed class MaskSecretPaths : ILogEventEnricher
    {
        /// <summary>Replaces a calendar feed's path in <c>RequestPath</c> and <c>Path</c> with its masked form.</summary>
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            foreach (var name in (string[])["RequestPath", "Path"])
                if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string path } && LoggablePath(path) is var masked && masked != path)
                    logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(masked)));
        }
    }
}
