using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class CliLogTests
{
    [Fact]
    public void A_command_that_fails_unexpectedly_prints_one_line_exits_3_and_keeps_the_stack_trace_in_the_log()
    {
        var logs = Path.Combine(Path.GetTempPath(), "cli-logs-" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable("ORCHESTRATOR_LOG_DIRECTORY", logs);
        try
        {
            var stderr = new StringWriter();
            int exit;
            try { throw new InvalidOperationException("disk on fire"); }
            catch (InvalidOperationException e) { exit = CliLog.Report("simulate", e, stderr); }

            Assert.Equal(3, exit);
            Assert.Equal($"simulate: internal error: disk on fire (details in {logs})", stderr.ToString().TrimEnd());
            var log = File.ReadAllText(Directory.GetFiles(logs).Single());
            Assert.Contains("InvalidOperationException", log);
            Assert.Contains("CliLogTests", log); // the stack trace is there
        }
        finally
        {
            Environment.SetEnvironmentVariable("ORCHESTRATOR_LOG_DIRECTORY", null);
            if (Directory.Exists(logs)) Directory.Delete(logs, recursive: true);
        }
    }
}
