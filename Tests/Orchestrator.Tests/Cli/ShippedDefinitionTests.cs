using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

/// <summary>Every definition the product ships must run to its end in a dry run, whichever comes first: people or deadlines.</summary>
public sealed class ShippedDefinitionTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "shipped"), "*.bpmn").Order())
            foreach (var policy in new[] { "users-first", "timers-first" })
                data.Add(Path.GetFileName(file), policy);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_shipped_definition_runs_to_its_end_in_simulation(string file, string policy)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync([Path.Combine(AppContext.BaseDirectory, "shipped", file), "--policy", policy,
            "--start", "2026-02-02T09:00:00+01:00", "--var", "hospitalCareNeeded=false", "--var", "destination=ACT"], stdout, stderr);
        Assert.True(exit == 0, $"{file} under {policy} exited {exit}:\n{stderr}\n{stdout}");
    }
}
