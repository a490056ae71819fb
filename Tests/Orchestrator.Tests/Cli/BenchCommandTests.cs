using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task An_invalid_file_exits_with_2_and_lists_its_problems_like_simulate_does()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-invalid-{Guid.NewGuid():N}.bpmn");
        await File.WriteAllTextAsync(file, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench", "admission.bpmn"))
            .Replace("<bpmn:userTask id=\"medicalOpinion\"", "<bpmn:scriptTask id=\"medicalOpinion\"").Replace("orc:role=\"doctor\" orc:dueIn=\"PT48H\" />", "/>"));
        try
        {
            var stderr = new StringWriter();
            Assert.Equal(2, await BenchCommand.RunAsync([file, "--instances", "10"], new StringWriter(), stderr));
            Assert.Contains("scriptTask 'medicalOpinion'", stderr.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_missing_file_exits_with_2()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, await BenchCommand.RunAsync(["no-such.bpmn"], new StringWriter(), stderr));
        Assert.Contains("no such file", stderr.ToString());
    }
}
