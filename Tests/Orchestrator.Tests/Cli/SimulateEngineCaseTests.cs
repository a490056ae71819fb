using System.Text.Json;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

/// <summary>
/// The engine cases (<c>cases/engine/BH-*.bpmn</c>) run through <c>simulate</c> as an administrator would, each
/// alone in a folder with the files it calls: the outcome, the exit code and the incidents its
/// <c>.expected.txt</c> describes, and never an unhandled exception.
/// </summary>
public sealed class SimulateEngineCaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simulate-cases-" + Guid.NewGuid().ToString("N"));

    public SimulateEngineCaseTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Cases => Path.Combine(AppContext.BaseDirectory, "cases", "engine");

    private string Copy(string prefix)
    {
        foreach (var file in Directory.GetFiles(Cases, prefix + "*.bpmn")) File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        return Directory.GetFiles(_folder, prefix + "*.bpmn").OrderBy(f => f.Length).First();
    }

    internal static async Task<(int Exit, List<JsonElement> Lines, JsonElement Summary, string Errors)> SimulateAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync(args, stdout, stderr);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var all = stdout + stderr.ToString();
        Assert.DoesNotContain("Unhandled exception", all);
        Assert.DoesNotContain("   at ", all); // no stack trace
        return (exit, lines, lines[^1].GetProperty("summary"), stderr.ToString());
    }

    private static List<string> Events(IEnumerable<JsonElement> lines) => lines.Where(l => l.TryGetProperty("event", out _))
        .Select(l => $"{l.GetProperty("event").GetString()}:{l.GetProperty("id").GetString()}").ToList();

    private static List<string> Incidents(JsonElement summary) =>
        summary.GetProperty("incidents").EnumerateArray().Select(i => i.GetString()!).ToList();

    [Fact]
    public async Task BH01_conditions_all_false_after_an_activity_leave_the_run_stuck_with_the_incident_listed()
    {
        var (exit, lines, summary, _) = await SimulateAsync(Copy("BH-01-"), "--var", "needsHousing=false", "--var", "needsCare=false");

        Assert.Equal(1, exit);
        Assert.Equal("stuck", summary.GetProperty("outcome").GetString());
        Assert.Contains(Incidents(summary), i => i.Contains("userTask 'assess'") && i.Contains("no outgoing flow has a true condition"));
        Assert.DoesNotContain("entered:endHousing", Events(lines));
        Assert.DoesNotContain("entered:endCare", Events(lines));
    }

    [Fact]
    public async Task BH01_conditions_all_true_after_an_activity_run_both_branches_to_completion()
    {
        var (exit, lines, summary, _) = await SimulateAsync(Copy("BH-01-"), "--var", "needsHousing=true", "--var", "needsCare=true");

        Assert.Equal(0, exit);
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        Assert.Contains("completed:housingRequest", Events(lines));
        Assert.Contains("completed:careRequest", Events(lines));
    }

    [Fact]
    public async Task BH02b_a_text_where_a_boolean_is_expected_is_an_incident_naming_the_flow_and_no_end_is_reached()
    {
        var (exit, lines, summary, _) = await SimulateAsync(Copy("BH-02b-"), "--var", "urgent=non");

        Assert.Equal(1, exit);
        Assert.Contains(Incidents(summary), i => i.Contains("'urgentQ'") && i.Contains("'toUrgent'"));
        Assert.DoesNotContain("entered:endUrgent", Events(lines));
    }

    [Theory]
    [InlineData("users-first")]
    [InlineData("timers-first")]
    public async Task BH03_gateways_without_a_way_out_are_reported_as_incidents_and_exit_1(string policy)
    {
        var (exit, _, summary, errors) = await SimulateAsync(Copy("BH-03-"), "--var", "decision=later", "--var", "level=3", "--policy", policy);

        Assert.Equal(1, exit);
        Assert.Equal("stuck", summary.GetProperty("outcome").GetString());
        var incidents = Incidents(summary);
        Assert.Contains(incidents, i => i.Contains("exclusiveGateway 'afterReview'"));
        Assert.Contains(incidents, i => i.Contains("exclusiveGateway 'afterTimer'"));
        Assert.Contains("afterTimer", errors);
    }

    [Fact]
    public async Task BH04_an_event_based_gateway_leading_to_a_user_task_is_refused_at_validation_with_exit_2()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync([Copy("BH-04-")], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Contains("line 8: eventBasedGateway 'race': outgoing flow 'f1' (line 16) leads to userTask 'callPerson'", stderr.ToString());
    }

    [Fact]
    public async Task BH06_a_cycle_wholly_in_the_past_never_hangs_the_run_and_it_completes()
    {
        var (exit, lines, summary, _) = await SimulateAsync(Copy("BH-06-"), "--policy", "timers-first");

        Assert.Equal(0, exit);
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        Assert.True(Events(lines).Count(e => e == "completed:reminder") <= 1);
        Assert.Contains("completed:followUp", Events(lines));
    }

    [Fact]
    public async Task BH07_a_duration_no_date_can_hold_is_refused_naming_the_element_and_line()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync([Copy("BH-07-")], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Contains("line 7: intermediateCatchEvent 'longWait': timer duration: 'P99999Y' is too long", stderr.ToString());
    }

    [Fact]
    public async Task BH08_daily_reminders_keep_their_wall_clock_time_across_the_spring_change()
    {
        var (exit, lines, summary, _) = await SimulateAsync(Copy("BH-08-"), "--start", "2026-03-27T01:30:00Z", "--policy", "timers-first");

        Assert.Equal(0, exit);
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        var reminders = lines.Where(l => l.TryGetProperty("event", out var e) && e.GetString() == "completed" && l.GetProperty("id").GetString() == "dailyReminder")
            .Select(l => l.GetProperty("time").GetDateTimeOffset().ToUniversalTime()).ToList();
        Assert.Equal(new[] { "2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z" }
            .Select(DateTimeOffset.Parse), reminders);
        Assert.Contains("completed:nightRound", Events(lines));
    }

    [Fact]
    public async Task BH21_both_messages_trigger_the_non_interrupting_boundary_while_the_stay_runs()
    {
        var (exit, lines, summary, _) = await SimulateAsync(Copy("BH-21-"), "--policy", "timers-first");

        Assert.Equal(0, exit);
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        var events = Events(lines);
        Assert.Equal(2, events.Count(e => e == "completed:logUpdate"));
        Assert.True(events.LastIndexOf("completed:logUpdate") < events.IndexOf("completed:stayTask"));
        Assert.Equal(["completed:stay", "entered:endStay", "completed:endStay"], events.TakeLast(3));
    }

    [Fact]
    public async Task BH22_parallel_callees_keep_the_housing_decision_and_the_run_ends_housed()
    {
        var (exit, lines, summary, _) = await SimulateAsync(Copy("BH-22-"), "--var", "housingDecision=pending");

        Assert.Equal(0, exit);
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        Assert.Contains("completed:endHoused", Events(lines));
        Assert.DoesNotContain("entered:endPending", Events(lines));
    }

    [Fact]
    public async Task Broken_or_unrelated_files_beside_the_one_simulated_never_abort_the_run()
    {
        var main = Copy("BH-22-");
        File.WriteAllText(Path.Combine(_folder, "broken.bpmn"), "<bpmn:definitions");
        File.WriteAllText(Path.Combine(_folder, "unrelated.bpmn"), File.ReadAllText(Path.Combine(Cases, "BH-04-event-gateway-to-user-task.bpmn")));
        File.WriteAllText(Path.Combine(_folder, "notes.bpmn"), "not xml at all \u0000");

        var (exit, _, summary, _) = await SimulateAsync(main, "--var", "housingDecision=pending");

        Assert.Equal(0, exit);
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_called_process_no_file_beside_defines_is_refused_naming_the_call_activity()
    {
        var main = Copy("BH-22-");
        File.Delete(Directory.GetFiles(_folder, "*-medical.bpmn").Single());

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync([main], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Contains("callActivity 'callMedical' calls process 'bh22medical', which no .bpmn file beside it defines", stderr.ToString());
    }

    [Fact]
    public async Task A_called_process_only_a_non_executable_file_defines_is_refused_saying_so()
    {
        var main = Copy("BH-22-");
        var medical = Directory.GetFiles(_folder, "*-medical.bpmn").Single();
        File.WriteAllText(medical, File.ReadAllText(medical).Replace("isExecutable=\"true\"", "isExecutable=\"false\""));

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync([main], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Contains($"calls process 'bh22medical', which {Path.GetFileName(medical)} beside it defines but marks non-executable", stderr.ToString());
    }

    [Fact]
    public async Task A_called_process_two_files_beside_define_is_refused_as_ambiguous_naming_both()
    {
        var main = Copy("BH-22-");
        var medical = Directory.GetFiles(_folder, "*-medical.bpmn").Single();
        File.Copy(medical, Path.Combine(_folder, "zz-medical-copy.bpmn"));

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync([main, "--var", "housingDecision=pending"], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Contains($"callActivity 'callMedical' calls process 'bh22medical', which {Path.GetFileName(medical)} and zz-medical-copy.bpmn beside it both define; keep one",
            stderr.ToString());
    }

    private string ErrorProcess(string boundary) => WriteFile("errors.bpmn", $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:test">
          <bpmn:error id="Refused" errorCode="REFUSED" />
          <bpmn:process id="errors" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="stage">
              <bpmn:startEvent id="s" /><bpmn:endEvent id="refuse"><bpmn:errorEventDefinition errorRef="Refused" /></bpmn:endEvent>
              <bpmn:sequenceFlow id="s0" sourceRef="s" targetRef="refuse" />
            </bpmn:subProcess>
            {boundary}
            <bpmn:endEvent id="end" /><bpmn:endEvent id="endRefused" />
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="stage" /><bpmn:sequenceFlow id="f1" sourceRef="stage" targetRef="end" />
            <bpmn:sequenceFlow id="f2" sourceRef="onRefused" targetRef="endRefused" />
          </bpmn:process>
        </bpmn:definitions>
        """);

    private string WriteFile(string name, string xml)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, xml);
        return path;
    }

    [Fact]
    public async Task An_error_end_event_caught_by_a_boundary_error_event_is_simulated_to_the_boundary_path()
    {
        var (exit, lines, summary, _) = await SimulateAsync(ErrorProcess(
            """<bpmn:boundaryEvent id="onRefused" attachedToRef="stage"><bpmn:errorEventDefinition errorRef="Refused" /></bpmn:boundaryEvent>"""));

        Assert.Equal(0, exit);
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        Assert.Equal(["completed:refuse", "cancelled:stage", "entered:onRefused", "completed:onRefused", "entered:endRefused", "completed:endRefused"],
            Events(lines).TakeLast(6));
    }

    [Fact]
    public async Task A_signal_thrown_on_one_branch_interrupts_the_task_waiting_on_the_other_in_a_simulation()
    {
        var file = WriteFile("signal.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:test">
              <bpmn:signal id="Closure" name="structure-closed" />
              <bpmn:process id="signals" isExecutable="true">
                <bpmn:startEvent id="start" /><bpmn:parallelGateway id="split" />
                <bpmn:userTask id="follow" />
                <bpmn:boundaryEvent id="onClosure" attachedToRef="follow"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:boundaryEvent>
                <bpmn:intermediateCatchEvent id="week"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="close"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:endEvent>
                <bpmn:endEvent id="followed" /><bpmn:endEvent id="closedEnd" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split" /><bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="follow" />
                <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="week" /><bpmn:sequenceFlow id="f3" sourceRef="week" targetRef="close" />
                <bpmn:sequenceFlow id="f4" sourceRef="follow" targetRef="followed" /><bpmn:sequenceFlow id="f5" sourceRef="onClosure" targetRef="closedEnd" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var (exit, lines, summary, _) = await SimulateAsync(file, "--policy", "timers-first");

        Assert.Equal(0, exit);
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        var events = Events(lines);
        Assert.Contains("cancelled:follow", events);
        Assert.Equal(["entered:onClosure", "completed:onClosure", "entered:closedEnd", "completed:closedEnd"], events.TakeLast(4));
    }
}
