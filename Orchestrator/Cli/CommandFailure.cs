namespace Orchestrator.Cli;

/// <summary>
/// What a command does with an error it did not expect: one line for the person at the terminal, the whole exception in
/// a log file beside the app's logs, never a stack trace on the screen.
/// </summary>
public static class CommandFailure
{
    /// <summary>Writes the exception to <c>logs/cli-errors.log</c> (under <c>Orchestrator:LogDirectory</c>) and a one-line message to <paramref name="stderr"/>; returns exit code 1.</summary>
    public static int Report(string command, Exception exception, TextWriter stderr)
    {
        var directory = Environment.GetEnvironmentVariable("Orchestrator__LogDirectory") ?? Path.Combine(Environment.CurrentDirectory, "data", "logs");
        var log = Path.Combine(directory, "cli-errors.log");
        try
        {
            Directory.CreateDirectory(directory);
            File.AppendAllText(log, $"{DateTimeOffset.UtcNow:O} {command}: {exception}{Environment.NewLine}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log = "(no log: " + e.Message + ")";
        }
        stderr.WriteLine($"{command}: {exception.GetBaseException().Message} (details in {log})");
        return 1;
    }
}
