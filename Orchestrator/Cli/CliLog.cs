using Serilog;
using Serilog.Formatting.Compact;

namespace Orchestrator.Cli;

/// <summary>
/// Where the admin commands log: a rolling JSON file, never the console. Their console output is what an
/// administrator reads (history lines, summary, problems); stack traces belong in the log only.
/// </summary>
public static class CliLog
{
    /// <summary>The folder of the command logs: <c>ORCHESTRATOR_LOG_DIRECTORY</c>, else <c>orchestrator/logs</c> in the temporary folder.</summary>
    public static string Directory => Environment.GetEnvironmentVariable("ORCHESTRATOR_LOG_DIRECTORY") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Path.GetTempPath(), "orchestrator", "logs");

    /// <summary>A logger writing warnings and above to <c>cli-YYYYMMDD.json</c> in <see cref="Directory"/> (compact JSON, one file a day, 7 kept).</summary>
    public static Serilog.ILogger Create() => new LoggerConfiguration()
        .MinimumLevel.Warning()
        .WriteTo.File(new CompactJsonFormatter(), Path.Combine(Directory, "cli-.json"), rollingInterval: RollingInterval.Day,
            retainedFileCountLimit: 7, shared: true)
        .CreateLogger();

    /// <summary>Logs what escaped a command with its stack trace and reports it in one line on <paramref name="stderr"/>; returns exit code 3.</summary>
    public static int Report(string command, Exception exception, TextWriter stderr)
    {
        using (var log = (Serilog.Core.Logger)Create())
            log.Error(exception, "{Command} failed", command);
        stderr.WriteLine($"{command}: internal error: {exception.GetBaseException().Message} (details in {Directory})");
        return 3;
    }
}
