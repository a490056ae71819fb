using Orchestrator.Cli;
using Orchestrator.Cli.Scenarios;

namespace Orchestrator.Tests.Cli;

public sealed class ScenarioFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scenarios-" + Guid.NewGuid().ToString("N"));

    public ScenarioFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string TwoTasks = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="first" />
            <bpmn:userTask id="second">
              <bpmn:extensionElements><orc:field name="answer" type="choice" values="yes,no" required="true" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:boundaryEvent id="late" attachedToRef="second" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:serviceTask id="flagLate" orc:activity="FlagRisk">
              <bpmn:extensionElements><orc:input name="riskType" value="late" /></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:endEvent id="lateFlagged" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="first" />
            <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second" />
            <bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="e" />
            <bpmn:sequenceFlow id="f4" sourceRef="late" targetRef="flagLate" />
            <bpmn:sequenceFlow id="f5" sourceRef="flagLate" targetRef="lateFlagged" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<(int Exit, string Output, string Errors)> SimulateAsync(string scenarios, params string[] extra)
    {
        var bpmn = Path.Combine(_folder, "two.bpmn");
        await File.WriteAllTextAsync(bpmn, TwoTasks);
        await File.WriteAllTextAsync(Path.Combine(_folder, "two.scenarios.json"), scenarios);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync([bpmn, "--start", "2026-10-23T09:00:00+02:00", .. extra], stdout, stderr);
        return (exit, stdout.ToString().Replace("\\u002B", "+"), stderr.ToString());
    }

    [Fact]
    public async Task An_answer_is_given_on_its_day_so_a_deadline_before_it_raises_its_alert()
    {
        var (exit, output, errors) = await SimulateAsync("""
            {"scenarios":[{"name":"slow","tasks":{"second":[{"day":5,"values":{"answer":"no"}}]}}]}
            """, "--scenario", "slow");

        Assert.True(exit == 0, errors);
        // "first" is not named, so it is answered at once; the 3-day deadline of "second" passes on day 3 (26 October,
        // across the autumn change: 09:00 wall-clock is 08:00 UTC), and the answer comes on day 5.
        Assert.Contains("\"alerts\":[{\"day\":3,\"riskType\":\"late\"", output);
        Assert.Contains("{\"time\":\"2026-10-28T08:00:00.0000000+00:00\",\"event\":\"completed\",\"id\":\"second\"", output);
    }

    [Fact]
    public async Task A_message_is_published_on_its_day_and_ends_a_stay_nobody_closed()
    {
        var bpmn = Path.Combine(_folder, "left.bpmn");
        await File.WriteAllTextAsync(bpmn, """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:message id="m" name="person-left" />
              <bpmn:process id="left" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:userTask id="stay" />
                <bpmn:boundaryEvent id="onLeft" attachedToRef="stay"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>
                <bpmn:serviceTask id="flagLeft" orc:activity="FlagRisk">
                  <bpmn:extensionElements><orc:input name="riskType" value="left-without-notice" /><orc:input name="severity" value="high" /></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:exclusiveGateway id="urgentCheck" default="toEnd" />
                <bpmn:endEvent id="leftEnd" />
                <bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="stay" />
                <bpmn:sequenceFlow id="f2" sourceRef="stay" targetRef="e" />
                <bpmn:sequenceFlow id="f3" sourceRef="onLeft" targetRef="flagLeft" />
                <bpmn:sequenceFlow id="f4" sourceRef="flagLeft" targetRef="urgentCheck" />
                <bpmn:sequenceFlow id="toUrgent" sourceRef="urgentCheck" targetRef="leftEnd"><bpmn:conditionExpression>${urgent === true}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="toEnd" sourceRef="urgentCheck" targetRef="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        await File.WriteAllTextAsync(Path.Combine(_folder, "left.scenarios.json"), """
            {"scenarios":[{"name":"gone","tasks":{"stay":[]},"messages":[{"day":4,"name":"person-left","payload":{"reason":"parti","urgent":true}}]}]}
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await SimulateCommand.RunAsync([bpmn, "--scenario", "gone", "--start", "2026-02-02T09:00:00+01:00"], stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        var output = stdout.ToString().Replace("\\u002B", "+");
        Assert.Contains("\"alerts\":[{\"day\":4,\"riskType\":\"left-without-notice\"", output);
        Assert.Contains("{\"time\":\"2026-02-06T08:00:00.0000000+00:00\",\"event\":\"cancelled\",\"id\":\"stay\"", output);
        // The payload keeps its types: true is a boolean the condition accepts, not the text "true".
        Assert.Contains("\"event\":\"completed\",\"id\":\"leftEnd\"", output);
    }

    [Fact]
    public async Task A_task_the_scenario_names_without_answers_left_waits_and_the_run_is_stuck()
    {
        var (exit, output, _) = await SimulateAsync("""{"scenarios":[{"name":"silent","tasks":{"second":[]}}]}""", "--scenario", "silent");

        Assert.Equal(1, exit);
        Assert.Contains("\"outcome\":\"stuck\"", output);
        Assert.Contains("\"riskType\":\"late\"", output);
    }

    [Fact]
    public async Task A_scenario_answering_a_task_the_definition_does_not_have_is_refused_before_it_runs()
    {
        var (exit, output, errors) = await SimulateAsync("""{"scenarios":[{"name":"typo","tasks":{"secnod":[{"day":1}]}}]}""", "--scenario", "typo");

        Assert.Equal(2, exit);
        Assert.Contains("scenario 'typo' answers what the definition (and what it calls) does not have: task 'secnod' (no user task has that id)", errors);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task A_scenario_answer_naming_a_field_the_task_does_not_have_is_refused_rather_than_dropped_for_the_default()
    {
        var (exit, output, errors) = await SimulateAsync("""{"scenarios":[{"name":"typo","tasks":{"second":[{"day":1,"values":{"answr":"no"}}]}}]}""", "--scenario", "typo");

        Assert.Equal(2, exit);
        Assert.Contains("task 'second' answer 1: 'answr' is no field of the task (its fields: answer)", errors);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task A_scenario_message_no_catch_ever_takes_is_said_at_the_end_rather_than_dropped_in_silence()
    {
        var (_, _, errors) = await SimulateAsync("""{"scenarios":[{"name":"typo","tasks":{"second":[{"day":2,"values":{"answer":"no"}}]},"messages":[{"day":1,"name":"replyy","correlationKey":"H1"},{"day":9,"name":"late"}]}]}""", "--scenario", "typo");

        Assert.Contains("simulate: the scenario's message 'replyy' with key 'H1' of day 1 reached no catch: nothing waited for it then", errors);
        Assert.Contains("simulate: the scenario's message 'late' of day 9 was not sent: the run ended before its day", errors);
    }

    [Fact]
    public async Task A_scenario_message_sent_before_its_catch_waits_is_not_kept_for_it_as_the_app_keeps_none()
    {
        var bpmn = Path.Combine(_folder, "stay.bpmn");
        await File.WriteAllTextAsync(bpmn, """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:message id="M" name="stay-interrupted" />
              <bpmn:process id="stay" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:userTask id="admit" /><bpmn:userTask id="stayTask" />
                <bpmn:boundaryEvent id="interrupted" attachedToRef="stayTask"><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>
                <bpmn:endEvent id="ended" /><bpmn:endEvent id="interruptedEnd" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="admit" /><bpmn:sequenceFlow id="f2" sourceRef="admit" targetRef="stayTask" />
                <bpmn:sequenceFlow id="f3" sourceRef="stayTask" targetRef="ended" /><bpmn:sequenceFlow id="f4" sourceRef="interrupted" targetRef="interruptedEnd" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        await File.WriteAllTextAsync(Path.Combine(_folder, "stay.scenarios.json"),
            """{"scenarios":[{"name":"early","tasks":{"admit":[{"day":2}],"stayTask":[{"day":5}]},"messages":[{"day":0,"name":"stay-interrupted"}]}]}""");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await SimulateCommand.RunAsync([bpmn, "--scenario", "early", "--start", "2026-10-23T09:00:00+02:00"], stdout, stderr);

        // The interruption came before the stay existed: the app would have refused it, and the stay runs to its end on day 5.
        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains("\"event\":\"completed\",\"id\":\"ended\"", stdout.ToString());
        Assert.DoesNotContain("interruptedEnd", stdout.ToString());
        Assert.Contains("the scenario's message 'stay-interrupted' of day 0 reached no catch: nothing waited for it then", stderr.ToString());
    }

    [Fact]
    public async Task A_scenario_day_after_the_year_9999_is_refused_before_the_run_not_an_internal_error()
    {
        var bpmn = Path.Combine(_folder, "two.bpmn");
        await File.WriteAllTextAsync(bpmn, TwoTasks);
        await File.WriteAllTextAsync(Path.Combine(_folder, "two.scenarios.json"), """{"scenarios":[{"name":"late","tasks":{"second":[{"day":300,"values":{"answer":"no"}}]}}]}""");
        var stderr = new StringWriter();

        var exit = await SimulateCommand.RunAsync([bpmn, "--scenario", "late", "--start", "9999-06-01T00:00:00Z"], new StringWriter(), stderr);

        Assert.Equal(2, exit);
        Assert.Contains("day 300 from the start 9999-06-01 falls after 31 December 9999", stderr.ToString());
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{"scenarios":[{"label":"x"}]}""", "a scenario needs a \"name\"")]
    [InlineData("""{"scenarios":[{"name":"a","tasks":{"second":[{"day":-1}]}}]}""", "scenario 'a', task 'second' answer 1: \"day\" is a whole number")]
    [InlineData("""{"scenarios":[{"name":"a","handoffs":[{"day":1,"answer":"maybe"}]}]}""", "answer is 'accepted', 'refused' or 'none', not 'maybe'")]
    [InlineData("""{"scenarios":[{"name":"a"},{"name":"a"}]}""", "scenario 'a': the name is used twice")]
    [InlineData("""{"scenarios":[{"name":"a","name":"a"}]}""", "not valid JSON (Duplicate property 'name'")]
    [InlineData("""{"scenarios":[{"name":"a","variables":{"x":1,"x":2}}]}""", "not valid JSON (Duplicate property 'x'")]
    [InlineData("""{"start":"tomorrow","scenarios":[{"name":"a"}]}""", "\"start\" is an ISO 8601 date-time (2026-02-02T09:00:00+01:00; without an offset, wall-clock time in Europe/Paris)")]
    [InlineData("""{"scenarios":[{"name":"a","start":"2026-02-02"}]}""", "scenario 'a': \"start\" is an ISO 8601 date-time")]
    [InlineData("""{"start":"1969-06-01T00:00:00Z","scenarios":[{"name":"a"}]}""", "\"start\" must lie between 1970-01-01 and 9899-12-31, not 1969-06-01T00:00:00Z")]
    [InlineData("""{"scenarios":[{"name":"a","start":"9999-12-31T00:00:00Z"}]}""", "scenario 'a': \"start\" must lie between 1970-01-01 and 9899-12-31")]
    [InlineData("""{"scenarios":[{"name":"a","tasks":{"second":[{"day":3000000}]}}]}""", "\"day\" is a whole number of days from the start, from 0 to 36500 (a century)")]
    [InlineData("""{"scenarios":[{"name":"a","messages":[{"day":1,"name":"m","corelationKey":"A"}]}]}""", "message 1: unknown field \"corelationKey\"")]
    [InlineData("""{"scenarios":[{"name":"a","tasks":{"second":[{"day":1,"value":{}}]}}]}""", "answer 1: unknown field \"value\"")]
    [InlineData("""{"scenarios":[{"name":"a","messages":[{"day":1,"name":"wf:signal:x"}]}]}""", "message 1: the name 'wf:signal:x' starts with 'wf:'")]
    [InlineData("""{"scenarios":[{"name":"a","messages":[{"day":1,"name":"m","correlationKey":[1]}]}]}""", "\"correlationKey\" is text, a number or true/false")]
    public async Task A_malformed_scenarios_file_is_refused_naming_the_scenario_and_the_field(string json, string reason)
    {
        var (exit, _, errors) = await SimulateAsync(json, "--scenario", "a");

        Assert.Equal(2, exit);
        Assert.Contains("two.scenarios.json", errors);
        Assert.Contains(reason, errors);
    }

    [Theory]
    [InlineData("2026-03-28T09:00:00", "2026-03-28T08:00:00Z")]
    [InlineData("2026-03-28T09:00:00.000", "2026-03-28T08:00:00Z")]
    [InlineData("2026-07-01T09:00", "2026-07-01T07:00:00Z")]
    [InlineData("2026-03-28T09:00:00Z", "2026-03-28T09:00:00Z")]
    public void A_start_without_an_offset_is_wall_clock_time_in_Paris_whatever_the_machine_s_zone(string start, string instant)
    {
        var scenario = ScenarioFile.Parse($$"""{"start":"{{start}}","scenarios":[{"name":"a"}]}""", "test")[0];

        Assert.Equal(DateTimeOffset.Parse(instant), scenario.Start);
    }

    [Theory]
    [InlineData("03/28/2026 09:00:00 +01:00")]
    [InlineData("28/03/2026 09:00")]
    [InlineData("2026-03-28")]
    public void A_start_that_is_not_an_ISO_8601_date_time_is_refused(string start)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse($$"""{"start":"{{start}}","scenarios":[{"name":"a"}]}""", "test"));

        Assert.Contains("\"start\" is an ISO 8601 date-time", error.Message);
    }

    [Fact]
    public void Days_are_calendar_days_in_the_zone_at_the_start_s_wall_clock_time()
    {
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var scenario = ScenarioFile.Parse("""{"scenarios":[{"name":"a"}]}""", "test")[0];
        var player = new ScenarioPlayer(scenario, DateTimeOffset.Parse("2026-03-28T02:30:00+01:00"), zone);

        // 29 March 02:30 does not exist in Paris (spring change): it moves forward to 03:30 summer time.
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T03:30:00+02:00"), player.At(1));
        Assert.Equal(DateTimeOffset.Parse("2026-03-30T02:30:00+02:00"), player.At(2));
        Assert.Equal(1, player.DayOf(DateTimeOffset.Parse("2026-03-29T23:59:00+02:00")));
    }

    [Theory]
    [InlineData("""{"scenarios":[{"name":"\ud800"}]}""", "$.scenarios[0].name")]
    [InlineData("""{"scenarios":[{"name":"a","tasks":{"second":[{"day":0,"values":{"answer":"\udc00x"}}]}}]}""", "$.scenarios[0].tasks.second[0].values.answer")]
    public void Text_that_is_not_valid_Unicode_is_refused_naming_where_it_is_not_read_as_an_internal_error(string json, string where)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "test.scenarios.json"));

        Assert.Contains(where, error.Message);
    }

    [Theory]
    [InlineData("5", "5")]
    [InlineData("1.5", "1.5")]
    [InlineData("true", "true")]
    [InlineData("\"H1\"", "H1")]
    public void A_message_s_correlation_key_may_be_a_number_or_a_boolean_written_as_an_expression_s_key_would_be(string key, string text)
    {
        var scenario = Assert.Single(ScenarioFile.Parse($$"""{"scenarios":[{"name":"a","messages":[{"day":1,"name":"m","correlationKey":{{key}}}]}]}""", "test.scenarios.json"));

        Assert.Equal(text, Assert.Single(scenario.Messages).CorrelationKey);
    }

    [Theory]
    [InlineData("""{"scenarios":[{"name":"a","variables":{"Date":1}}]}""", "variables.Date")]
    [InlineData("""{"scenarios":[{"name":"a","messages":[{"day":0,"name":"m","payload":{"Math":1}}]}]}""", "payload.Math")]
    [InlineData("""{"scenarios":[{"name":"a","variables":{"Atomics":1}}]}""", "variables.Atomics")]
    [InlineData("""{"scenarios":[{"name":"a","variables":{"Float16Array":1}}]}""", "variables.Float16Array")]
    [InlineData("""{"scenarios":[{"name":"a","variables":{"ShadowRealm":1}}]}""", "variables.ShadowRealm")]
    public void A_variable_named_after_a_JavaScript_built_in_is_refused_as_a_definition_refuses_it(string json, string where)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "test.scenarios.json"));

        Assert.Contains(where + ": a name JavaScript keeps for itself", error.Message);
    }
}
