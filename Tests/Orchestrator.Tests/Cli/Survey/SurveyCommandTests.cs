using Orchestrator.Cli.Survey;

namespace Orchestrator.Tests.Cli.Survey;

/// <summary><c>survey</c> on a folder of small files written here, one per verdict it gives.</summary>
public sealed class SurveyCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "survey-" + Guid.NewGuid().ToString("N"));

    public SurveyCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Definitions(string processes, string roots = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:survey">
          {roots}
          {processes}
        </bpmn:definitions>
        """;

    private const string Straight = """
        <bpmn:process id="straight" isExecutable="true">
          <bpmn:startEvent id="start" /><bpmn:userTask id="check" /><bpmn:endEvent id="done" />
          <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="check" /><bpmn:sequenceFlow id="b" sourceRef="check" targetRef="done" />
        </bpmn:process>
        """;

    /// <summary>Camunda's way: a Java delegate, and JUEL conditions on variables a form would have set.</summary>
    private const string Camunda = """
        <bpmn:process id="camunda" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:serviceTask id="score" camunda:class="org.example.Score" />
          <bpmn:exclusiveGateway id="ok" />
          <bpmn:endEvent id="accepted" /><bpmn:endEvent id="rejected" />
          <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="score" /><bpmn:sequenceFlow id="b" sourceRef="score" targetRef="ok" />
          <bpmn:sequenceFlow id="yes" sourceRef="ok" targetRef="accepted"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">#{approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="no" sourceRef="ok" targetRef="rejected"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${not approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
        </bpmn:process>
        """;

    private const string Complex = """
        <bpmn:process id="complex" isExecutable="true">
          <bpmn:startEvent id="start" /><bpmn:complexGateway id="cx" /><bpmn:endEvent id="done" />
          <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="cx" /><bpmn:sequenceFlow id="b" sourceRef="cx" targetRef="done" />
        </bpmn:process>
        """;

    private static string Descriptive(string id) => $"""
        <bpmn:process id="{id}" isExecutable="false">
          <bpmn:startEvent id="{id}-start" /><bpmn:task id="{id}-work" /><bpmn:endEvent id="{id}-end" />
          <bpmn:sequenceFlow id="{id}-a" sourceRef="{id}-start" targetRef="{id}-work" /><bpmn:sequenceFlow id="{id}-b" sourceRef="{id}-work" targetRef="{id}-end" />
        </bpmn:process>
        """;

    private void Write(string path, string xml)
    {
        var full = Path.Combine(_folder, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, xml);
    }

    private async Task<(int Exit, string[] Lines, string Errors)> RunAsync(params string[] options)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SurveyCommand.RunAsync([_folder, "--start", "2026-01-05T09:00:00+01:00", .. options], stdout, stderr);
        return (exit, stdout.ToString().Split('\n', StringSplitOptions.TrimEntries), stderr.ToString());
    }

    private static string Line(string[] lines, string unit) => lines.Single(l => l.StartsWith(unit + "\t", StringComparison.Ordinal));

    [Fact]
    public async Task Each_file_gets_one_line_with_its_verdict_and_each_source_its_share_run()
    {
        Write("examples/straight.bpmn", Definitions(Straight));
        Write("examples/camunda.bpmn", Definitions(Camunda));
        Write("examples/complex.bpmn", Definitions(Complex));
        Write("examples/descriptive.bpmn", Definitions(Descriptive("pool")));
        Write("suite/broken.bpmn", "<bpmn:definitions");

        var (exit, lines, _) = await RunAsync();

        Assert.Equal(0, exit);
        Assert.Equal("examples/straight.bpmn\tran\tusers-first → done; timers-first → done", Line(lines, "examples/straight.bpmn"));
        Assert.StartsWith("examples/camunda.bpmn\tran, expressions aside\tusers-first → accepted; timers-first → accepted [3 set aside]", Line(lines, "examples/camunda.bpmn"));
        Assert.Equal("examples/complex.bpmn\trefused: unsupported element\tline 6: complexGateway 'cx': complex gateways are not supported", Line(lines, "examples/complex.bpmn"));
        Assert.StartsWith("examples/descriptive.bpmn\tnot executable\t", Line(lines, "examples/descriptive.bpmn"));
        Assert.StartsWith("suite/broken.bpmn\trefused\tthe file is not well-formed XML", Line(lines, "suite/broken.bpmn"));
        Assert.Contains("examples: 4 surveyed, 3 executable, accepted 1 as is + 1 with expressions aside, ran 1 as is + 1 with expressions aside = 2/3 (67%)", lines);
        // Not well-formed, nothing shows it is not executable and no engine deploys it: it counts as a failure, not outside the totals.
        Assert.Contains("suite: 1 surveyed, 1 executable, accepted 0 as is + 0 with expressions aside, ran 0 as is + 0 with expressions aside = 0/1 (0%)", lines);
        Assert.Contains("Refused: 1 (suite/broken.bpmn)", lines);
        Assert.Contains("UnsupportedElement: 1 (examples/complex.bpmn)", lines);
    }

    [Fact]
    public async Task With_all_processes_each_pool_of_a_descriptive_file_runs_alone()
    {
        Write("miwg/pools.bpmn", Definitions(Descriptive("buyer") + Descriptive("seller")));

        var (_, lines, _) = await RunAsync("--all-processes");

        Assert.Equal("miwg/pools.bpmn#buyer\tran\tusers-first → buyer-end; timers-first → buyer-end", Line(lines, "miwg/pools.bpmn#buyer"));
        Assert.Equal("miwg/pools.bpmn#seller\tran\tusers-first → seller-end; timers-first → seller-end", Line(lines, "miwg/pools.bpmn#seller"));
        Assert.Contains("miwg: 2 surveyed, 2 executable, accepted 2 as is + 0 with expressions aside, ran 2 as is + 0 with expressions aside = 2/2 (100%)", lines);
    }

    [Fact]
    public async Task A_file_that_stops_waiting_for_a_message_nobody_sends_counts_as_stuck_not_run()
    {
        Write("examples/waits.bpmn", Definitions("""
            <bpmn:process id="waits" isExecutable="true">
              <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="done" />
              <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="reply" /><bpmn:sequenceFlow id="b" sourceRef="reply" targetRef="done" />
            </bpmn:process>
            """, """<bpmn:message id="m" name="reply" />"""));

        var (_, lines, _) = await RunAsync();

        Assert.StartsWith("examples/waits.bpmn\tstuck\t", Line(lines, "examples/waits.bpmn"));
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_exits_with_2()
    {
        var stderr = new StringWriter();

        Assert.Equal(2, await SurveyCommand.RunAsync([Path.Combine(_folder, "missing")], new StringWriter(), stderr));
        Assert.Contains("no such folder", stderr.ToString());
    }

    [Fact]
    public async Task A_folder_without_any_bpmn_file_says_so_and_exits_with_2()
    {
        var stderr = new StringWriter();

        Assert.Equal(2, await SurveyCommand.RunAsync([_folder], new StringWriter(), stderr));
        Assert.Contains("no .bpmn file", stderr.ToString());
    }

    [Fact]
    public async Task An_upper_case_extension_is_surveyed_and_a_link_back_up_the_tree_is_not_followed()
    {
        Write("examples/STRAIGHT.BPMN", Definitions(Straight));
        Directory.CreateSymbolicLink(Path.Combine(_folder, "examples", "loop"), _folder);

        var (exit, lines, _) = await RunAsync();

        Assert.Equal(0, exit);
        Assert.Single(lines, l => l.StartsWith("examples/STRAIGHT.BPMN\tran", StringComparison.Ordinal));
        Assert.Contains("all: 1 surveyed, 1 executable, accepted 1 as is + 0 with expressions aside, ran 1 as is + 0 with expressions aside = 1/1 (100%)", lines);
    }
}
