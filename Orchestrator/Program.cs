using Orchestrator.Cli;
using Orchestrator.Hosting;

if (args.Length > 0 && args[0] == "simulate") return await SimulateCommand.RunAsync(args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "bench") return await BenchCommand.RunAsync(args[1..], Console.Out, Console.Error);

await WebHost.RunAsync(args);
return 0;
public partial class Program;
