using System.Text.Json;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simulate-" + Guid.NewGuid().ToString("N"));

    public SimulateCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string BenchFile => Path.Combine(AppContext.BaseDirectory, "bench", "admission.bpmn");

    private static async Task<(int Exit, List<JsonElement> Lines, string Errors)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync(args, stdout, stderr);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (exit, lines, stderr.ToString());
    }

    private string Write(string name, string xml)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, xml);
        return path;
    }

    [Fact]
    public async Task Users_first_completes_every_user_task_before_any_timer_fires()
    {
        var (exit, lines, _) = await RunAsync(BenchFile, "--policy", "users-first", "--start", "2026-02-02T09:00:00+01:00");

        Assert.Equal(0, exit);
        var events = lines.Where(l => l.TryGetProperty("event", out _)).Select(l => $"{l.GetProperty("event").GetString()}:{l.GetProperty("id").GetString()}").ToList();
        Assert.Equal(["entered:referralReceived", "completed:referralReceived", "entered:medicalOpinion", "completed:medicalOpinion",
            "entered:directorDecision", "completed:directorDecision", "entered:admitted", "completed:admitted"], events);
        Assert.All(lines.Where(l => l.TryGetProperty("time", out _)), l => Assert.Equal("2026-02-02T08:00:00.0000000+00:00", l.GetProperty("time").GetString()));
        var summary = lines[^1].GetProperty("summary");
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        Assert.Equal(2, summary.GetProperty("tasksCompleted").GetInt32());
    }

    [Fact]
    public async Task Timers_first_fires_the_earliest_timer_before_completing_any_user_task()
    {
        var (exit, lines, _) = await RunAsync(BenchFile, "--policy", "timers-first", "--start", "2026-02-02T09:00:00+01:00");

        Assert.Equal(0, exit);
        var ids = lines.Where(l => l.TryGetProperty("id", out _)).Select(l => l.GetProperty("event").GetString() + ":" + l.GetProperty("id").GetString()).ToList();
        Assert.Contains("completed:opinionOverdue", ids);
        Assert.Contains("cancelled:directorDecision", ids);
        Assert.Contains("completed:referralExpired", ids);
        var expired = lines.First(l => l.TryGetProperty("id", out var id) && id.GetString() == "decisionExpired");
        Assert.Equal("2026-02-11T08:00:00.0000000+00:00", expired.GetProperty("time").GetString()); // 48 h, then 7 days
        Assert.Equal("completed", lines[^1].GetProperty("summary").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task An_invalid_file_exits_with_2_and_lists_its_problems_on_stderr()
    {
        var file = Write("bad.bpmn", File.ReadAllText(BenchFile).Replace("<bpmn:userTask id=\"directorDecision\"", "<bpmn:scriptTask id=\"directorDecision\"").Replace("orc:role=\"director\" orc:dueIn=\"P7D\" />", "><bpmn:script>decide()</bpmn:script></bpmn:scriptTask>"));
        var (exit, lines, errors) = await RunAsync(file);
        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains("scriptTask 'directorDecision'", errors);
    }

    [Fact]
    public async Task An_instance_that_waits_for_a_message_nobody_sends_is_reported_stuck_with_exit_1_naming_the_message()
    {
        var file = Write("stuck.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:message id="M" name="never" />
              <bpmn:process id="stuck" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:receiveTask id="wait" messageRef="M" /><bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="wait" /><bpmn:sequenceFlow id="b" sourceRef="wait" targetRef="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (exit, lines, errors) = await RunAsync(file);
        Assert.Equal(1, exit);
        Assert.Equal("stuck", lines[^1].GetProperty("summary").GetProperty("outcome").GetString());
        Assert.Contains("simulate: stuck: waiting for message 'never' at wait (nothing in the run sends it)", errors);
    }

    [Fact]
    public async Task A_scenario_answer_to_a_proposal_whose_step_was_cancelled_is_not_counted_and_is_named()
    {
        // The proposal is given up after two days (a call back follows); the scenario's structure accepts on day 3, too late.
        var file = Write("orientation.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
              <bpmn:process id="orientation" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:serviceTask id="propose" orc:activity="ProposeHandoff"><bpmn:extensionElements><orc:input name="targetType" value="ACT" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:boundaryEvent id="givenUp" attachedToRef="propose"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:userTask id="callBack" /><bpmn:endEvent id="answered" /><bpmn:endEvent id="abandoned" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="propose" /><bpmn:sequenceFlow id="f2" sourceRef="propose" targetRef="answered" />
                <bpmn:sequenceFlow id="f3" sourceRef="givenUp" targetRef="callBack" /><bpmn:sequenceFlow id="f4" sourceRef="callBack" targetRef="abandoned" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        Write("orientation.scenarios.json", """{"scenarios":[{"name":"late","tasks":{"callBack":[{"day":5}]},"handoffs":[{"day":3,"answer":"accepted"}]}]}""");

        var (_, lines, errors) = await RunAsync(file, "--scenario", "late");

        Assert.Equal(0, lines[^1].GetProperty("summary").GetProperty("handoffsAnswered").GetInt32());
        Assert.Contains("the scenario's handoff answer of day 3 found proposal", errors);
        Assert.Contains(lines, l => l.TryGetProperty("id", out var id) && id.GetString() == "abandoned");
    }

    [Theory]
    [InlineData("${endA}", null)] // the day another PlanDeadline's Paris date-time names (the 11th), not its UTC day
    [InlineData("10/04/2026", "Input 'until' is '10/04/2026', not an ISO 8601 date")] // not read as 4 October
    public async Task PlanDeadline_reads_its_chosen_day_as_ISO_8601_in_the_zone(string until, string? refusal)
        => await PlanDeadlineAsync(until, "P1D", refusal);

    [Fact]
    public async Task PlanDeadline_whose_duration_reaches_beyond_the_calendar_fails_naming_its_input_in_plain_words() =>
        await PlanDeadlineAsync("", "P9999Y", "Input 'duration' is 'P9999Y': from 2026-04-01 it reaches beyond the dates a calendar holds (year 9999)");

    private async Task PlanDeadlineAsync(string until, string duration, string? refusal)
    {
        var file = Write("until.bpmn", $$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
              <bpmn:process id="until" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:serviceTask id="planA" orc:activity="PlanDeadline"><bpmn:extensionElements><orc:input name="name" value="endA" /><orc:input name="duration" value="P10D" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:serviceTask id="planB" orc:activity="PlanDeadline"><bpmn:extensionElements><orc:input name="name" value="endB" /><orc:input name="duration" value="{{duration}}" /><orc:input name="until" value="{{until}}" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:intermediateCatchEvent id="waitB"><bpmn:timerEventDefinition><bpmn:timeDate>${endB}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="planA" /><bpmn:sequenceFlow id="f2" sourceRef="planA" targetRef="planB" />
                <bpmn:sequenceFlow id="f3" sourceRef="planB" targetRef="waitB" /><bpmn:sequenceFlow id="f4" sourceRef="waitB" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var (exit, lines, errors) = await RunAsync(file, "--start", "2026-04-01T00:30:00+02:00");

        if (refusal is not null)
        {
            Assert.Equal(1, exit);
            Assert.Contains(refusal, errors);
            Assert.DoesNotContain("(Parameter", errors);
            return;
        }
        var fired = lines.Single(l => l.TryGetProperty("id", out var id) && id.GetString() == "waitB" && l.GetProperty("event").GetString() == "completed");
        Assert.Equal(DateTimeOffset.Parse("2026-04-11T00:30:00+02:00"), DateTimeOffset.Parse(fired.GetProperty("time").GetString()!));
    }

    [Fact]
    public async Task A_run_that_completes_with_an_incident_still_open_exits_with_1_and_names_it()
    {
        // The deadline's path fails on its gateway (no condition true, no default); the task is done an hour later and withdraws it.
        var file = Write("deadline.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="urn:t">
              <bpmn:process id="deadline" isExecutable="true">
                <bpmn:startEvent id="start" /><bpmn:userTask id="work" /><bpmn:endEvent id="done" />
                <bpmn:boundaryEvent id="late" attachedToRef="work" cancelActivity="false">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:exclusiveGateway id="q" /><bpmn:endEvent id="high" /><bpmn:endEvent id="low" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="work" /><bpmn:sequenceFlow id="f1" sourceRef="work" targetRef="done" />
                <bpmn:sequenceFlow id="f2" sourceRef="late" targetRef="q" />
                <bpmn:sequenceFlow id="toHigh" sourceRef="q" targetRef="high"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${level &gt; 5}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="toLow" sourceRef="q" targetRef="low"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${level &lt; 2}</bpmn:conditionExpression></bpmn:sequenceFlow>
              </bpmn:process>
            </bpmn:definitions>
            """);

        var (exit, lines, errors) = await RunAsync(file, "--var", "level=3", "--policy", "timers-first");

        Assert.Equal(1, exit);
        var summary = lines[^1].GetProperty("summary");
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        Assert.Contains("exclusiveGateway 'q'", Assert.Single(summary.GetProperty("incidents").EnumerateArray()).GetString());
        Assert.Contains("simulate: incident: exclusiveGateway 'q'", errors);
    }

    [Fact]
    public async Task A_start_without_offset_is_wall_clock_time_in_Paris_whatever_the_machine_s_zone()
    {
        var (exit, lines, _) = await RunAsync(BenchFile, "--policy", "users-first", "--start", "2026-10-25T02:30:00");

        Assert.Equal(0, exit);
        Assert.StartsWith("2026-10-25T00:30:00", lines[0].GetProperty("time").GetString()); // 02:30 CEST, the earlier of the repeated hour
    }

    [Fact]
    public async Task A_start_that_is_not_a_date_is_a_usage_error_naming_the_option()
    {
        var (exit, _, errors) = await RunAsync(BenchFile, "--start", "demain");

        Assert.Equal(2, exit);
        Assert.Contains("--start must be an ISO 8601 date-time", errors);
        Assert.DoesNotContain("System.Nullable", errors);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    [InlineData("1e3")]
    public async Task A_step_limit_that_is_not_a_whole_number_is_a_usage_error_not_a_crash(string limit)
    {
        var (exit, _, errors) = await RunAsync(BenchFile, "--max-steps", limit);

        Assert.Equal(2, exit);
        Assert.Contains($"--max-steps must be a whole number of at least 1 (up to 2147483647), not '{limit}'.", errors);
    }

    [Theory]
    [InlineData("1969-12-31T23:59:59Z", "--start must be on or after 1970-01-01T00:00:00Z")]
    [InlineData("2026-12-01T10:00:00+15:00", "--start must be an ISO 8601 date-time")] // offsets stop at ±14:00
    public async Task A_start_before_1970_or_with_an_offset_beyond_fourteen_hours_is_a_usage_error_not_a_crash(string start, string error)
    {
        var (exit, _, errors) = await RunAsync(BenchFile, "--start", start);

        Assert.Equal(2, exit);
        Assert.Contains(error, errors);
    }

    [Theory]
    [InlineData("<bpmn:timeDuration>PT0S</bpmn:timeDuration>")]
    [InlineData("<bpmn:timeDate>2020-01-01T00:00:00Z</bpmn:timeDate>")]
    public async Task A_loop_through_a_timer_always_due_is_stopped_on_an_incident_instead_of_hanging(string timer)
    {
        var folder = Directory.CreateTempSubdirectory("simulate-timer-loop").FullName;
        try
        {
            var file = Path.Combine(folder, "loop.bpmn");
            await File.WriteAllTextAsync(file, $"""
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
                  <bpmn:process id="loop" isExecutable="true">
                    <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="again" />
                    <bpmn:intermediateCatchEvent id="pause"><bpmn:timerEventDefinition>{timer}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="again" /><bpmn:sequenceFlow id="b" sourceRef="again" targetRef="pause" />
                    <bpmn:sequenceFlow id="c" sourceRef="pause" targetRef="again" />
                  </bpmn:process>
                </bpmn:definitions>
                """);

            var (exit, _, errors) = await RunAsync(file, "--max-steps", "50");

            Assert.Equal(1, exit);
            Assert.Contains("incident: intermediateCatchEvent 'pause': its timer is due at once again each time a loop comes back to it", errors);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task A_timer_start_cycle_is_judged_against_the_runs_start_and_starts_one_instance_per_occurrence_and_none_at_the_start()
    {
        var folder = Directory.CreateTempSubdirectory("simulate-start-cycle").FullName;
        try
        {
            var file = Path.Combine(folder, "reminders.bpmn");
            // Three nights from 24 October 2026, the 25th being the autumn change: in the past on the machine's day, ahead of the run's.
            await File.WriteAllTextAsync(file, """
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
                  <bpmn:process id="reminders" isExecutable="true">
                    <bpmn:startEvent id="nightly"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/2026-10-24T02:30:00/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                    <bpmn:userTask id="call" /><bpmn:endEvent id="end" />
                    <bpmn:sequenceFlow id="a" sourceRef="nightly" targetRef="call" /><bpmn:sequenceFlow id="b" sourceRef="call" targetRef="end" />
                  </bpmn:process>
                </bpmn:definitions>
                """);
            Assert.Equal(2, (await RunAsync(file, "--start", "2026-10-23T12:00:00Z", "--var", "x=1")).Exit); // a timer's instances take no start variables
            var (exit, lines, errors) = await RunAsync(file, "--policy", "timers-first", "--start", "2026-10-23T12:00:00Z");

            Assert.True(exit == 0, errors);
            var starts = lines.Where(l => l.TryGetProperty("event", out var e) && e.GetString() == "entered" && l.GetProperty("id").GetString() == "nightly")
                .Select(l => l.GetProperty("time").GetString()![..19]).ToList();
            // One instance each night at 02:30 in Paris (CEST, then the earlier of the repeated hour, then CET), and none at the
            // run's start: a process that starts on a timer is started by its timer only.
            Assert.Equal(["2026-10-24T00:30:00", "2026-10-25T00:30:00", "2026-10-26T01:30:00"], starts);
            // The run follows the first; it says that the two others still wait, rather than leaving them unseen.
            Assert.Equal(2, lines[^1].GetProperty("summary").GetProperty("othersRunning").GetInt32());
            Assert.Contains("2 other instance(s) of this run still running", errors);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData("P9000Y")]
    [InlineData("PT999999999999999999999999999999H")]
    public async Task A_horizon_beyond_a_century_is_a_usage_error_with_exit_2_not_an_internal_error(string horizon)
    {
        var (exit, _, errors) = await RunAsync(BenchFile, "--horizon", horizon);

        Assert.Equal(2, exit);
        Assert.Contains("--horizon", errors);
        Assert.DoesNotContain("internal error", errors);
    }

    [Fact]
    public async Task An_endless_timer_cycle_is_stopped_by_the_step_cap_instead_of_hanging()
    {
        var file = Write("cycle.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:process id="cycle" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:userTask id="visit" /><bpmn:endEvent id="e" /><bpmn:endEvent id="r" />
                <bpmn:boundaryEvent id="weekly" attachedToRef="visit" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P7D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="visit" /><bpmn:sequenceFlow id="b" sourceRef="visit" targetRef="e" /><bpmn:sequenceFlow id="c" sourceRef="weekly" targetRef="r" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (exit, lines, errors) = await RunAsync(file, "--policy", "timers-first", "--max-steps", "50");
        Assert.Equal(1, exit);
        Assert.Equal("step-limit", lines[^1].GetProperty("summary").GetProperty("outcome").GetString());
        Assert.Contains("stopped after 50 steps", errors);
    }

    [Fact]
    public async Task Variables_given_on_the_command_line_reach_the_instance()
    {
        var file = Write("vars.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="urn:t">
              <bpmn:process id="vars" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="gw" /><bpmn:endEvent id="adult" /><bpmn:endEvent id="minor" />
                <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="gw" />
                <bpmn:sequenceFlow id="b" sourceRef="gw" targetRef="adult"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${age >= 18}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="c" sourceRef="gw" targetRef="minor"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${age &lt; 18}</bpmn:conditionExpression></bpmn:sequenceFlow>
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (exit, lines, _) = await RunAsync(file, "--var", "age=16");
        Assert.Equal(0, exit);
        Assert.Contains(lines, l => l.TryGetProperty("id", out var id) && id.GetString() == "minor");
    }

    [Theory]
    [InlineData("")] // the three tasks open in one step
    [InlineData("<bpmn:intermediateCatchEvent id=\"wait\"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>")] // three timers due at one instant
    public async Task Tasks_and_timers_of_one_instant_are_taken_in_the_order_the_step_made_them_so_every_run_is_the_same(string wait)
    {
        var flows = wait.Length == 0 ? """<bpmn:sequenceFlow id="s0" sourceRef="ss" targetRef="ask" />"""
            : """<bpmn:sequenceFlow id="s0" sourceRef="ss" targetRef="wait" /><bpmn:sequenceFlow id="s1" sourceRef="wait" targetRef="ask" />""";
        var file = Write("perStructure.bpmn", $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
              <bpmn:process id="perStructure" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:subProcess id="ask_each">
                  <bpmn:multiInstanceLoopCharacteristics orc:collection="${"{structures}"}" orc:elementVariable="structure" orc:outputCollection="answers" orc:outputElement="${"{structure + ':' + answer}"}" />
                  <bpmn:startEvent id="ss" />{wait}
                  <bpmn:userTask id="ask"><bpmn:extensionElements><orc:field name="answer" type="text" required="true" /></bpmn:extensionElements></bpmn:userTask>
                  <bpmn:endEvent id="se" />{flows}<bpmn:sequenceFlow id="s2" sourceRef="ask" targetRef="se" />
                </bpmn:subProcess>
                <bpmn:exclusiveGateway id="check" default="other" /><bpmn:endEvent id="inOrder" /><bpmn:endEvent id="shuffled" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="ask_each" /><bpmn:sequenceFlow id="f1" sourceRef="ask_each" targetRef="check" />
                <bpmn:sequenceFlow id="ordered" sourceRef="check" targetRef="inOrder"><bpmn:conditionExpression>${"{answers.join() === 'Nord:first,Sud:second,Est:third'}"}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="other" sourceRef="check" targetRef="shuffled" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        File.WriteAllText(Path.Combine(_folder, "perStructure.scenarios.json"), """
            {"start":"2026-01-05T09:00:00+01:00","scenarios":[{"name":"s",
             "tasks":{"ask":[{"day":0,"values":{"answer":"first"}},{"day":0,"values":{"answer":"second"}},{"day":0,"values":{"answer":"third"}}]}}]}
            """);

        for (var run = 0; run < 8; run++)
        {
            var (exit, lines, errors) = await RunAsync(file, "--scenario", "s", "--var", """structures=["Nord","Sud","Est"]""");
            Assert.True(exit == 0, errors);
            Assert.Contains(lines, l => l.TryGetProperty("id", out var id) && id.GetString() == "inOrder");
        }
    }

    [Fact]
    public async Task A_var_an_optional_choice_does_not_accept_leaves_that_field_unanswered_rather_than_answered_with_its_first_choice()
    {
        var file = Write("review.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
              <bpmn:process id="review" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:userTask id="opinion"><bpmn:extensionElements>
                  <orc:field name="note" type="text" required="true" />
                  <orc:field name="housingDecision" type="choice" values="refused,accepted" />
                </bpmn:extensionElements></bpmn:userTask>
                <bpmn:exclusiveGateway id="check" default="kept" /><bpmn:endEvent id="untouched" /><bpmn:endEvent id="invented" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="opinion" /><bpmn:sequenceFlow id="f1" sourceRef="opinion" targetRef="check" />
                <bpmn:sequenceFlow id="changed" sourceRef="check" targetRef="invented"><bpmn:conditionExpression>${housingDecision !== 'pending'}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="kept" sourceRef="check" targetRef="untouched" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var (exit, lines, errors) = await RunAsync(file, "--var", "housingDecision=\"pending\"");

        Assert.True(exit == 0, errors);
        Assert.Contains(lines, l => l.TryGetProperty("id", out var id) && id.GetString() == "untouched");
    }

    [Fact]
    public async Task A_var_whose_text_is_not_valid_Unicode_is_a_usage_error_naming_it()
    {
        var (exit, lines, errors) = await RunAsync(BenchFile, "--var", "x=\"\\ud800\"");

        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains("--var x: the text at $ is not valid Unicode", errors);
    }

    [Fact]
    public async Task A_run_stuck_on_a_message_kept_under_another_key_says_so_rather_than_that_nothing_sends_it()
    {
        var file = Write("keyed.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
              <bpmn:message id="M" name="answer" />
              <bpmn:process id="keyed" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:intermediateThrowEvent id="tell" orc:correlationKey="B"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateThrowEvent>
                <bpmn:receiveTask id="wait" messageRef="M" orc:correlationKey="A" /><bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="tell" /><bpmn:sequenceFlow id="b" sourceRef="tell" targetRef="wait" /><bpmn:sequenceFlow id="c" sourceRef="wait" targetRef="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var (exit, _, errors) = await RunAsync(file);

        Assert.Equal(1, exit);
        Assert.Contains("waiting for message 'answer' with key 'A' at wait (one of that name is kept with key 'B')", errors);
    }

    [Fact]
    public async Task A_var_a_field_does_not_accept_is_not_given_to_it_so_the_task_is_still_completed()
    {
        var file = Write("intake.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
              <bpmn:process id="intake" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:userTask id="ask"><bpmn:extensionElements>
                  <orc:field name="score" type="number" required="true" />
                  <orc:field name="urgent" type="boolean" />
                </bpmn:extensionElements></bpmn:userTask>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="ask" /><bpmn:sequenceFlow id="f1" sourceRef="ask" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var (exit, lines, errors) = await RunAsync(file, "--var", "score=\"beaucoup\"", "--var", "urgent=1");

        Assert.True(exit == 0, errors);
        Assert.Contains(lines, l => l.TryGetProperty("id", out var id) && id.GetString() == "end");
    }

    [Fact]
    public async Task A_var_date_outside_the_field_s_bounds_is_not_given_and_a_required_date_gets_the_nearest_day_allowed()
    {
        var file = Write("meeting.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
              <bpmn:process id="meeting" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:userTask id="plan"><bpmn:extensionElements>
                  <orc:field name="meetingDate" type="date" required="true" min="now,${earliest}" />
                </bpmn:extensionElements></bpmn:userTask>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="plan" /><bpmn:sequenceFlow id="f1" sourceRef="plan" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        // A past date (refused by min="now") and a bound in a week's time (today is refused too).
        var (exit, lines, errors) = await RunAsync(file, "--start", "2027-03-01T09:00:00Z", "--var", "meetingDate=\"2027-02-01T09:00:00Z\"",
            "--var", "earliest=\"2027-03-08T09:00:00Z\"");

        Assert.True(exit == 0, errors);
        Assert.Contains(lines, l => l.TryGetProperty("id", out var id) && id.GetString() == "end");
    }

    [Fact]
    public async Task Instances_of_a_loop_opened_together_are_each_answered_on_their_own_answers_day_in_the_order_they_opened()
    {
        var file = Write("votes.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
              <bpmn:process id="votes" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:userTask id="castVote">
                  <bpmn:extensionElements><orc:field name="vote" type="text" required="true" /></bpmn:extensionElements>
                  <bpmn:multiInstanceLoopCharacteristics orc:collection="${items}" orc:elementVariable="item" orc:outputCollection="votes" orc:outputElement="${vote}" />
                </bpmn:userTask>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="castVote" /><bpmn:sequenceFlow id="f1" sourceRef="castVote" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        File.WriteAllText(Path.Combine(_folder, "votes.scenarios.json"), """
            {"start":"2026-02-02T09:00:00+01:00","scenarios":[{"name":"mixed","tasks":{"castVote":[
              {"day":2,"values":{"vote":"A"}},{"day":0,"values":{"vote":"B"}},{"day":1,"values":{"vote":"C"}}]}}]}
            """);

        var (exit, lines, errors) = await RunAsync(file, "--scenario", "mixed", "--var", """items=["a","b","c"]""");

        Assert.True(exit == 0, errors);
        var days = lines.Where(l => l.TryGetProperty("id", out var id) && id.GetString() == "castVote" && l.GetProperty("event").GetString() == "completed")
            .Select(l => l.GetProperty("time").GetDateTimeOffset().UtcDateTime.Day).ToList();
        Assert.Equal([2, 3, 4, 4], days); // the second instance on day 0, the third on day 1, the first on day 2, then the loop
    }

    [Theory]
    [InlineData("three")]
    [InlineData("Infinity")] // a double, but no number a form means, nor one JSON can hold
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    public async Task A_scenario_answer_the_form_refuses_is_refused_visibly_not_replaced_by_a_default(string answer)
    {
        var file = Write("nights.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
              <bpmn:process id="nights" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:userTask id="intake"><bpmn:extensionElements><orc:field name="nights" type="number" required="true" /></bpmn:extensionElements></bpmn:userTask>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="intake" /><bpmn:sequenceFlow id="f1" sourceRef="intake" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        File.WriteAllText(Path.Combine(_folder, "nights.scenarios.json"), $$$"""
            {"start":"2026-02-02T09:00:00+01:00","scenarios":[{"name":"typo","tasks":{"intake":[{"day":1,"values":{"nights":"{{{answer}}}"}}]}}]}
            """);

        var (exit, lines, errors) = await RunAsync(file, "--scenario", "typo");

        Assert.Equal(1, exit);
        Assert.Equal("stuck", lines[^1].GetProperty("summary").GetProperty("outcome").GetString());
        Assert.Contains("nights : un nombre est attendu", errors);
    }

    [Theory]
    [InlineData("01/04/2026", "Input 'expectedDate' of service task 'propose' is '01/04/2026', not an ISO 8601 date")]
    [InlineData("bientôt", "is 'bientôt', not an ISO 8601 date")]
    public async Task A_handoff_s_expected_date_that_is_not_ISO_8601_fails_the_proposal_rather_than_reach_the_structure_as_another_day(string expected, string refusal)
    {
        var file = Write("expected.bpmn", $$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
              <bpmn:process id="expected" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:serviceTask id="propose" orc:activity="ProposeHandoff"><bpmn:extensionElements><orc:input name="targetType" value="LHSS" /><orc:input name="expectedDate" value="{{expected}}" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="propose" /><bpmn:sequenceFlow id="f1" sourceRef="propose" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var (exit, _, errors) = await RunAsync(file);

        Assert.Equal(1, exit);
        Assert.Contains(refusal, errors);
    }

    [Fact]
    public async Task A_var_nested_deeper_than_a_scenario_file_may_be_is_a_usage_error_not_text()
    {
        var deep = new string('[', 70) + new string(']', 70);

        var (exit, _, errors) = await RunAsync(BenchFile, "--var", "x=" + deep);

        Assert.Equal(2, exit);
        Assert.Contains("--var x: JSON nested deeper than 64 levels", errors);
    }
    private static string Ids(List<JsonElement> lines) => string.Join(" ", lines.Where(l => l.TryGetProperty("event", out var e) && e.GetString() == "completed")
        .Select(l => l.GetProperty("id").GetString()));

    [Fact]
    public async Task A_scenario_deadline_beyond_the_horizon_still_fires_before_a_later_answer_rather_than_be_overtaken_by_it()
    {
        var file = Write("renewal.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:process id="renewal" isExecutable="true">
                <bpmn:startEvent id="start" /><bpmn:userTask id="renew" />
                <bpmn:boundaryEvent id="deadline" attachedToRef="renew"><bpmn:timerEventDefinition><bpmn:timeDuration>P800D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:endEvent id="renewed" /><bpmn:endEvent id="deadlinePassed" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="renew" /><bpmn:sequenceFlow id="f2" sourceRef="renew" targetRef="renewed" />
                <bpmn:sequenceFlow id="f3" sourceRef="deadline" targetRef="deadlinePassed" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        Write("renewal.scenarios.json", """{"start":"2026-01-05T09:00:00+01:00","scenarios":[{"name":"late","tasks":{"renew":[{"day":900}]}}]}""");

        var (exit, lines, _) = await RunAsync(file, "--scenario", "late");

        // Day 800 comes before day 900, whatever the default horizon of two years says.
        Assert.Equal(0, exit);
        Assert.Contains("deadlinePassed", Ids(lines));
        Assert.DoesNotContain("renewed", Ids(lines));
    }

    [Fact]
    public async Task A_scenario_answer_after_a_timer_beyond_the_horizon_is_reached_rather_than_the_run_declared_stuck()
    {
        var file = Write("review.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:process id="review" isExecutable="true">
                <bpmn:startEvent id="start" /><bpmn:userTask id="admit" />
                <bpmn:intermediateCatchEvent id="inThreeYears"><bpmn:timerEventDefinition><bpmn:timeDuration>P3Y</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:userTask id="reviewStay" /><bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="admit" /><bpmn:sequenceFlow id="f2" sourceRef="admit" targetRef="inThreeYears" />
                <bpmn:sequenceFlow id="f3" sourceRef="inThreeYears" targetRef="reviewStay" /><bpmn:sequenceFlow id="f4" sourceRef="reviewStay" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        Write("review.scenarios.json", """{"start":"2026-01-05T09:00:00+01:00","scenarios":[{"name":"s","tasks":{"admit":[{"day":0}],"reviewStay":[{"day":1100}]}}]}""");

        var (exit, lines, errors) = await RunAsync(file, "--scenario", "s");

        Assert.True(exit == 0, errors);
        Assert.Equal("start admit inThreeYears reviewStay end", Ids(lines));
    }

    [Theory]
    [InlineData("--policy", "timers-first")]
    [InlineData("--scenario", "silent")]
    public async Task A_timer_whose_step_fails_leaves_its_incident_and_the_next_deadline_still_fires(string option, string value)
    {
        var file = Write("followup.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:process id="followup" isExecutable="true">
                <bpmn:startEvent id="start" /><bpmn:userTask id="followUp" />
                <bpmn:boundaryEvent id="remind" attachedToRef="followUp" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:exclusiveGateway id="which" />
                <bpmn:boundaryEvent id="deadline" attachedToRef="followUp"><bpmn:timerEventDefinition><bpmn:timeDuration>PT3H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:endEvent id="done" /><bpmn:endEvent id="reminded" /><bpmn:endEvent id="endDeadline" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="followUp" /><bpmn:sequenceFlow id="f2" sourceRef="followUp" targetRef="done" />
                <bpmn:sequenceFlow id="f3" sourceRef="remind" targetRef="which" />
                <bpmn:sequenceFlow id="f4" sourceRef="which" targetRef="reminded"><bpmn:conditionExpression>${level === 1}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f5" sourceRef="deadline" targetRef="endDeadline" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        Write("followup.scenarios.json", """{"scenarios":[{"name":"silent","tasks":{"followUp":[]}}]}""");

        var (exit, lines, errors) = await RunAsync(file, option, value, "--var", "level=3", "--start", "2026-02-02T09:00:00+01:00");

        // The reminder's gateway has no way out: its incident is reported, and the run goes on as the host would.
        Assert.Equal(1, exit);
        Assert.Contains("exclusiveGateway 'which'", errors);
        // Nobody answers in time: the deadline at 12:00 ends the follow-up, not a person acting before it.
        Assert.Contains("endDeadline", Ids(lines));
        Assert.DoesNotContain("done", Ids(lines).Split(' '));
        Assert.DoesNotContain("whose answers were refused", errors);
    }
    [Theory]
    [InlineData("timer", "the timer start event's occurrence could not start an instance")]
    [InlineData("signal", "could not start on signal 'go'")]
    public async Task A_pathway_whose_start_fails_is_reported_as_failed_with_its_cause_not_as_completed_or_as_never_started(string trigger, string said)
    {
        // A process started at a date, or by the signal its own first path throws: either start fails at its gateway.
        var start = trigger == "timer"
            ? """<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeDate>2026-02-03T09:00:00+01:00</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>"""
            : """<bpmn:startEvent id="first" /><bpmn:endEvent id="send"><bpmn:signalEventDefinition signalRef="Go" /></bpmn:endEvent><bpmn:sequenceFlow id="s0" sourceRef="first" targetRef="send" />"""
              + """<bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="Go" /></bpmn:startEvent>""";
        var file = Write("start.bpmn", $$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:signal id="Go" name="go" />
              <bpmn:process id="main" isExecutable="true">{{start}}{{Failing("start")}}</bpmn:process>
            </bpmn:definitions>
            """);

        var (exit, _, errors) = await RunAsync(file, "--start", "2026-02-02T09:00:00+01:00");

        Assert.Equal(1, exit);
        Assert.Contains(said, errors);
        Assert.Contains("exclusiveGateway 'xg'", errors);
    }

    private static string Failing(string from) => $"""
        <bpmn:exclusiveGateway id="xg" /><bpmn:endEvent id="high" />
        <bpmn:sequenceFlow id="x0" sourceRef="{from}" targetRef="xg" />
        <bpmn:sequenceFlow id="x1" sourceRef="xg" targetRef="high"><bpmn:conditionExpression>${"{1 > 2}"}</bpmn:conditionExpression></bpmn:sequenceFlow>
        """;
}
