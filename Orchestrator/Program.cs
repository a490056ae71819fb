using Orchestrator.Cli;
using Orchestrator.Hosting;

// Parse first: an option the app does not understand is refused before anything starts.
var command = OrchestratorCommand.Create(Console.Out, Console.Error);
var parsed = command.Parse(args);
if (CommandLine.ReportErrors(parsed, Console.Error)) return 2;
if (!OrchestratorCommand.AsksForWebApp(parsed))
{
    try
    {
        // Without the library's termination handler: on SIGTERM it faulted a completed task and printed a stack trace.
        return await parsed.InvokeAsync(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }
    catch (Exception e)
    {
        return CliLog.Report("Orchestrator " + parsed.CommandResult.Command.Name, e, Console.Error);
    }
}
if (!OrchestratorCommand.AcceptsSettings(parsed, "Orchestrator", Console.Error)) return 2;

try
{
    await WebHost.RunAsync(args);
    return 0;
}
catch (Orchestrator.Workflows.Persistence.SchemaMigrationException e)
{
    // The log has the details; the operator gets the decision to make, without a stack trace.
    await Console.Error.WriteLineAsync("Orchestrator: " + e.Message);
    return 1;
}

/// <summary>The entry point: runs an admin command, or the web app when none is given. Public so tests can host the app.</summary>
public partial class Program;
