using Orchestrator.Cli;
using Orchestrator.Hosting;

if (args.Length > 0 && args[0] == "simulate")
    return await CliLog.GuardAsync("simulate", () => SimulateCommand.RunAsync(args[1..], Console.Out, Console.Error), Console.Error);
if (args.Length > 0 && args[0] == "bench")
    return await CliLog.GuardAsync("bench", () => BenchCommand.RunAsync(args[1..], Console.Out, Console.Error), Console.Error);

await WebHost.RunAsync(args);
return 0;
public partial class Program;
