using Serilog;
using Serilog.Formatting.Compact;

namespace Orchestrator.Cli;

/// <summary>
/// Where the admin commands log: a rolling JSON file, never the console. Their console output is what an
/// administrator reads (history lines, summary, problems); stack traces belong in the log only.
/// </summary>
internal static class CliLog
{
    /// <summary>The folder of the command logs: <c>ORCHESTRATOR_LOG_DIRECTORY</c>, else <c>orchestrator/logs</c> in the temporary folder.</summary>
    public static string Directory => Environment.GetEnvironmentVariable("ORCHESTRATOR_LOG_DIRECTORY") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Path.GetTempPath(), "orchestrator", "logs");

    public static Serilog.ILogger Create() => new LoggerConfiguration()
        .MinimumLevel.Warning()
        .WriteTo.File(new CompactJsonFormatter(), Path.Combine(Directory, "cli-.json"), rollingInterval: RollingInterval.Day,
            retainedFileCountLimit: 7, shared: true)
        .CreateLogger();

    /// <summary>Runs a command; whatever escapes it is logged with its stack trace and reported in one line on stderr (exit 3).</summary>
    public static async Task<int> GuardAsync(string command, Func<Task<int>> run, TextWriter stderr)
    {
        try
        {
            return await run();
        }
        catch (Exception e)
        {
            await using (var log = (Serilog.Core.Logger)Create())
                log.Error(e, "{Command} failed", command);
            await stderr.WriteLineAsync($"{command}: internal error: {e.Message} (details in {Directory})");
            return 3;
        }
    }
}
