using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Timing;

/// <summary>
/// Timers on the wall clock of Europe/Paris, driven by a fake clock: across both clock changes and month ends,
/// cycles anchored on their start, and cycles whose occurrences lie in the past brought up to date at once.
/// </summary>
public sealed class CalendarTimerTests
{
    private static string Reminder(string cycle) => Process("reminders", $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="work" />
        <bpmn:boundaryEvent id="remind" attachedToRef="work" cancelActivity="false">{Timer("timeCycle", cycle)}</bpmn:boundaryEvent>
        <bpmn:manualTask id="note" />
        <bpmn:endEvent id="end" /><bpmn:endEvent id="noted" />
        {Flow("f0", "start", "work")}{Flow("f1", "work", "end")}{Flow("f2", "remind", "note")}{Flow("f3", "note", "noted")}
        """);

    /// <summary>Fires the timers one due time after the other, at most <paramref name="max"/> times; the times the reminder fired, in UTC.</summary>
    private static async Task<List<DateTimeOffset>> FireAllAsync(WorkflowHarness h, Guid id, string elementId, int max = 50)
    {
        for (var i = 0; i < max && await h.Engine.NextTimerDueAsync() is { } due; i++) await h.AdvanceToAsync(due);
        await using var db = await h.Db();
        return (await db.History.AsNoTracking().Where(r => r.InstanceId == id && r.ElementId == elementId && r.Event == HistoryEvent.Completed)
            .OrderBy(r => r.Id).Select(r => r.At).ToListAsync()).Select(a => a.ToUniversalTime()).ToList();
    }

    [Fact]
    public async Task BH08_a_daily_cycle_keeps_its_wall_clock_time_across_the_spring_change_and_moves_forward_on_the_missing_hour()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-03-27T01:30:00Z"));
        var key = await h.DeployAsync(EngineCases.Read("BH-08-"));
        var id = await h.Engine.StartAsync(key);

        var fired = await FireAllAsync(h, id, "dailyReminder");
        await h.CompleteAsync(id, "nightRound");

        Assert.Equal(new[] { "2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z" }
            .Select(DateTimeOffset.Parse), fired);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_daily_cycle_keeps_its_wall_clock_time_across_the_autumn_change_taking_the_earlier_of_a_repeated_hour()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-10-23T00:30:00Z")); // 02:30 CEST
        await h.DeployAsync(Reminder("R3/P1D"));
        var id = await h.Engine.StartAsync("reminders");

        var fired = await FireAllAsync(h, id, "remind");

        // 24 Oct 02:30 CEST; 25 Oct 02:30 happens twice, the earlier is CEST (00:30Z); 26 Oct 02:30 CET.
        Assert.Equal(new[] { "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z" }.Select(DateTimeOffset.Parse), fired);
    }

    [Fact]
    public async Task An_hourly_cycle_anchored_in_the_second_pass_of_the_repeated_autumn_hour_fires_on_the_hour_from_its_anchor()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-10-25T00:00:00Z"));
        await h.DeployAsync(Reminder("R3/2026-10-25T01:30:00Z/PT1H")); // 02:30 CET, after the clocks went back
        var id = await h.Engine.StartAsync("reminders");

        var fired = await FireAllAsync(h, id, "remind");

        Assert.Equal(new[] { "2026-10-25T01:30:00Z", "2026-10-25T02:30:00Z", "2026-10-25T03:30:00Z" }.Select(DateTimeOffset.Parse), fired);
    }

    [Fact]
    public async Task A_daily_cycle_written_for_0230_on_the_day_of_the_spring_change_starts_at_0330_then_is_back_at_0230()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-03-29T00:00:00Z"));
        await h.DeployAsync(Reminder("R3/2026-03-29T02:30:00/P1D")); // no offset: 02:30 in Paris, which 29 March skips
        var id = await h.Engine.StartAsync("reminders");

        var fired = await FireAllAsync(h, id, "remind");

        // 29 Mar 03:30 CEST (01:30Z); then 02:30 CEST (00:30Z) on the 30th and the 31st.
        Assert.Equal(new[] { "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z" }.Select(DateTimeOffset.Parse), fired);
    }

    [Fact]
    public async Task A_monthly_review_anchored_on_the_31st_stays_on_the_last_day_of_each_month()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-01-20T08:00:00Z"));
        await h.DeployAsync(Reminder("R5/2026-01-31T10:00:00/P1M")); // no offset: 10:00 in Paris
        var id = await h.Engine.StartAsync("reminders");

        var fired = await FireAllAsync(h, id, "remind");

        Assert.Equal(new[]
        {
            "2026-01-31T10:00:00+01:00", "2026-02-28T10:00:00+01:00", "2026-03-31T10:00:00+02:00",
            "2026-04-30T10:00:00+02:00", "2026-05-31T10:00:00+02:00",
        }.Select(DateTimeOffset.Parse), fired);
    }

    [Fact]
    public async Task BH06_a_cycle_wholly_in_the_past_is_not_armed_and_the_activity_runs_at_once()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var key = await h.DeployAsync(EngineCases.Read("BH-06-"));
        var id = await h.Engine.StartAsync(key);

        Assert.Equal(["followUp"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Null(await h.Engine.NextTimerDueAsync());
        await h.CompleteAsync(id, "followUp");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.DoesNotContain("entered:endReminded", await h.TraceAsync(id));
    }

    [Fact]
    public async Task A_catch_event_whose_cycle_lies_wholly_in_the_past_fires_once_at_once_rather_than_wait_for_ever()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-03-10T10:00:00Z"));
        await h.DeployAsync(Process("pause", $"""
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="wait">{Timer("timeCycle", "R2/1776-07-04T00:00:00Z/PT1S")}</bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />
            {Flow("f0", "start", "wait")}{Flow("f1", "wait", "end")}
            """));
        var id = await h.Engine.StartAsync("pause");

        Assert.Equal(DateTimeOffset.Parse("2026-03-10T10:00:00Z"), await h.Engine.NextTimerDueAsync());
        await h.AdvanceToAsync(DateTimeOffset.Parse("2026-03-10T10:00:00Z"));

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Null(await h.Engine.NextTimerDueAsync());
    }

    /// <summary>Wait for the answer; each morning at 08:00 (Paris) without one, a reminder, then wait again: the cycle is armed anew at each turn.</summary>
    private static string MorningReminders(string cycle, string afterReminder = "") => Process("morning-reminders", $"""
        <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="merge" /><bpmn:eventBasedGateway id="wait" />
        <bpmn:intermediateCatchEvent id="morning">{Timer("timeCycle", cycle)}</bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="answer"><bpmn:messageEventDefinition messageRef="Ans" /></bpmn:intermediateCatchEvent>
        <bpmn:manualTask id="remind" />{afterReminder}<bpmn:endEvent id="end" />
        {Flow("f0", "start", "merge")}{Flow("f1", "merge", "wait")}{Flow("f2", "wait", "morning")}{Flow("f3", "wait", "answer")}
        {Flow("f4", "morning", "remind")}{Flow("f6", "answer", "end")}
        {(afterReminder.Length == 0 ? Flow("f5", "remind", "merge") : Flow("f5", "remind", "pause") + Flow("f7", "pause", "merge"))}
        """, Message("Ans", "answer"));

    [Fact]
    public async Task A_start_anchored_cycle_armed_again_at_the_instant_it_fired_waits_for_its_next_occurrence()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-10-20T05:00:00Z")); // 07:00 CEST
        await h.DeployAsync(MorningReminders("R/2026-10-20T08:00:00/P1D"));
        var id = await h.Engine.StartAsync("morning-reminders");

        var fired = await FireAllAsync(h, id, "morning", max: 3);

        // 08:00 Paris each morning, once each; the loop back at 08:00 on the 20th waits for the 21st, it does not fire again.
        Assert.Equal(new[] { "2026-10-20T06:00:00Z", "2026-10-21T06:00:00Z", "2026-10-22T06:00:00Z" }.Select(DateTimeOffset.Parse), fired);
        await using (var db = await h.Db())
            Assert.Empty(await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id).ToListAsync());
        await h.Engine.PublishMessageAsync("answer", null);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_bounded_cycle_starting_the_moment_it_is_armed_fires_at_that_moment_and_keeps_every_repetition()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-10-20T06:00:00Z"));
        await h.DeployAsync(Reminder("R3/${new Date().toISOString()}/PT1H"));
        var id = await h.Engine.StartAsync("reminders");

        var fired = await FireAllAsync(h, id, "remind");

        Assert.Equal(new[] { "2026-10-20T06:00:00Z", "2026-10-20T07:00:00Z", "2026-10-20T08:00:00Z" }.Select(DateTimeOffset.Parse), fired);
    }

    [Fact]
    public async Task A_sequential_loop_waiting_for_the_next_morning_gives_each_instance_its_own_morning()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-10-20T05:00:00Z"));
        await h.DeployAsync(Process("three-mornings", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="reviews">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              <bpmn:startEvent id="reviewStart" />
              <bpmn:intermediateCatchEvent id="morning">{Timer("timeCycle", "R/2026-10-20T08:00:00/P1D")}</bpmn:intermediateCatchEvent>
              <bpmn:endEvent id="reviewEnd" />
              {Flow("r0", "reviewStart", "morning")}{Flow("r1", "morning", "reviewEnd")}
            </bpmn:subProcess>
            <bpmn:endEvent id="end" />
            {Flow("f0", "start", "reviews")}{Flow("f1", "reviews", "end")}
            """));
        var id = await h.Engine.StartAsync("three-mornings");

        var fired = await FireAllAsync(h, id, "morning", max: 5);

        Assert.Equal(new[] { "2026-10-20T06:00:00Z", "2026-10-21T06:00:00Z", "2026-10-22T06:00:00Z" }.Select(DateTimeOffset.Parse), fired);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_bounded_cycle_behind_an_event_based_gateway_stops_after_its_repetitions_and_the_gateway_waits_for_its_other_events()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-10-20T05:00:00Z"));
        await h.DeployAsync(MorningReminders("R3/2026-10-20T08:00:00/P1D",
            $"""<bpmn:intermediateCatchEvent id="pause">{Timer("timeDuration", "PT1H")}</bpmn:intermediateCatchEvent>"""));
        var id = await h.Engine.StartAsync("morning-reminders");

        var fired = await FireAllAsync(h, id, "morning", max: 20);

        // Three reminders, as R3 says; then only the answer is awaited, not a reminder at once after every pause.
        Assert.Equal(new[] { "2026-10-20T06:00:00Z", "2026-10-21T06:00:00Z", "2026-10-22T06:00:00Z" }.Select(DateTimeOffset.Parse), fired);
        Assert.Null(await h.Engine.NextTimerDueAsync());
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
        await h.Engine.PublishMessageAsync("answer", null);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_loop_back_to_a_gateway_whose_every_cycle_is_spent_fails_on_the_gateway_saying_why()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-10-20T05:00:00Z"));
        await h.DeployAsync(Process("spent", $"""
            <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="m" /><bpmn:eventBasedGateway id="g" />
            <bpmn:intermediateCatchEvent id="daily">{Timer("timeCycle", "R1/2026-10-20T09:00:00/P1D")}</bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="weekly">{Timer("timeCycle", "R1/2026-10-13T09:00:00/P7D")}</bpmn:intermediateCatchEvent>
            <bpmn:manualTask id="remind" /><bpmn:endEvent id="end" />
            {Flow("f0", "s", "m")}{Flow("f1", "m", "g")}{Flow("f2", "g", "daily")}{Flow("f3", "daily", "remind")}{Flow("f4", "remind", "m")}
            {Flow("f5", "g", "weekly")}{Flow("f6", "weekly", "end")}
            """));
        var id = await h.Engine.StartAsync("spent");

        await h.AdvanceToAsync(DateTimeOffset.Parse("2026-10-20T07:00:00Z"));

        await using var db = await h.Db();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.InstanceId == id);
        Assert.Equal("g", incident.ElementId);
        Assert.Contains("none of its events can occur any more", incident.Message);
    }

    [Fact]
    public async Task An_event_based_gateway_whose_every_event_is_a_cycle_wholly_in_the_past_takes_the_first_at_once_rather_than_wait_for_ever()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-03-10T10:00:00Z"));
        await h.DeployAsync(Process("past-cycles", $"""
            <bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="wait" />
            <bpmn:intermediateCatchEvent id="first">{Timer("timeCycle", "R2/1776-07-04T00:00:00Z/PT1S")}</bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="second">{Timer("timeCycle", "R1/1789-07-14T00:00:00Z/P1D")}</bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end1" /><bpmn:endEvent id="end2" />
            {Flow("f0", "start", "wait")}{Flow("f1", "wait", "first")}{Flow("f2", "wait", "second")}{Flow("f3", "first", "end1")}{Flow("f4", "second", "end2")}
            """));
        var id = await h.Engine.StartAsync("past-cycles");

        Assert.Equal(DateTimeOffset.Parse("2026-03-10T10:00:00Z"), await h.Engine.NextTimerDueAsync());
        await h.AdvanceToAsync(DateTimeOffset.Parse("2026-03-10T10:00:00Z"));

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Contains("entered:end1", await h.TraceAsync(id));
    }

    [Fact]
    public async Task A_cycle_anchored_long_ago_is_brought_up_to_date_by_computation_and_continues_on_its_grid()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-01-15T09:20:00Z"));
        await h.DeployAsync(Reminder("R/1900-01-01T00:00:00Z/PT1H"));
        var id = await h.Engine.StartAsync("reminders");

        Assert.Equal(DateTimeOffset.Parse("2026-01-15T10:00:00Z"), await h.Engine.NextTimerDueAsync());
    }

    [Theory]
    [InlineData("R/1900-01-01T09:00:00+01:00/P1D", "2026-01-16T08:00:00Z")] // 09:00 in Paris, not the 08:09:21 of Paris's mean time of 1900
    [InlineData("R/1776-07-04T00:00:00Z/P1D", "2026-01-16T00:00:00Z")] // midnight UTC is 01:00 at Paris's standard offset
    [InlineData("R/1969-07-01T09:00:00+01:00/P1D", "2026-01-16T08:00:00Z")] // Paris kept +01:00 all year from 1946 to 1975: 09:00
    [InlineData("R/1930-01-01T09:00:00+01:00/P1W", "2026-01-21T08:00:00Z")] // Paris kept GMT until 1940: still 09:00 today
    [InlineData("R/1985-01-01T09:00:00+01:00/P1D", "2026-01-16T08:00:00Z")] // since 1970 the start keeps the wall-clock time it had
    [InlineData("R/1776-07-04T09:00:00/PT7H", "2026-01-15T15:00:00Z")] // a wall-clock start: on whole hours, not 21 seconds off them
    public async Task A_calendar_cycle_started_before_1970_keeps_the_time_of_day_its_author_wrote_at_todays_offset(string cycle, string next)
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-01-15T09:20:00Z"));
        await h.DeployAsync(Reminder(cycle));
        await h.Engine.StartAsync("reminders");

        Assert.Equal(DateTimeOffset.Parse(next), await h.Engine.NextTimerDueAsync());
    }

    [Fact]
    public async Task A_cycle_of_a_tenth_of_a_millisecond_fires_on_its_grid_every_time()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2027-01-01T00:00:00Z"));
        await h.DeployAsync(Reminder("R3/PT0.0001S"));
        var id = await h.Engine.StartAsync("reminders");

        var fired = await FireAllAsync(h, id, "remind");

        Assert.Equal([1000, 2000, 3000], fired.Select(f => (f - DateTimeOffset.Parse("2027-01-01T00:00:00Z")).Ticks));
    }

    [Theory]
    [InlineData("R3/2027-01-01T00:00:00Z/P4000Y", "occurrence 3 of the cycle cannot be represented")] // the third, in year 10027, would be dropped
    [InlineData("R5/9999-12-27T00:00:00Z/P1D", "occurrence 5 of the cycle cannot be represented")]
    [InlineData("R/P10000Y120000M3660000D", "the first occurrence cannot be represented")] // each part fits, their sum does not: no crash
    [InlineData("R3/2027-01-01T01:00:00Z/2027-01-01T02:00:00Z", "a cycle that ends on a date")]
    [InlineData("R3/PT1H/2027-01-01T04:00:00Z", "a cycle that ends on a date")]
    public void A_cycle_the_engine_could_not_run_to_its_end_is_refused_with_its_reason(string cycle, string reason) =>
        Assert.Contains(BpmnParser.Validate(Reminder(cycle)), p => p.ElementId == "remind" && p.Reason.Contains(reason));

    [Fact]
    public void A_duration_written_with_other_digits_is_refused_as_no_duration_not_as_too_long() =>
        Assert.Contains(BpmnParser.Validate(Reminder("R3/P٣D")), p => p.ElementId == "remind" && p.Reason.Contains("is not an ISO 8601 duration"));

    [Fact]
    public async Task A_cycle_whose_start_an_expression_writes_among_text_reads_the_date_in_ISO_8601()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2027-01-01T00:00:00Z"));
        await h.DeployAsync(Reminder("R3/${new Date(2027, 0, 5, 9, 0)}/P1D"));
        var id = await h.Engine.StartAsync("reminders");

        Assert.Equal(DateTimeOffset.Parse("2027-01-05T08:00:00Z"), await h.Engine.NextTimerDueAsync());
    }

    [Fact]
    public async Task A_cycle_that_fires_late_fires_once_for_every_occurrence_it_missed_then_returns_to_its_grid()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-01-15T09:00:00Z"));
        await h.DeployAsync(Reminder("R300/PT1H"));
        var id = await h.Engine.StartAsync("reminders");

        // The host was down for ten days: occurrences 1 to 240 were missed.
        await h.AdvanceToAsync(DateTimeOffset.Parse("2026-01-25T09:30:00Z"));

        var trace = await h.TraceAsync(id);
        Assert.Single(trace, e => e == "completed:remind");
        Assert.Equal(DateTimeOffset.Parse("2026-01-25T10:00:00Z"), await h.Engine.NextTimerDueAsync());
        await using var db = await h.Db();
        var bookmark = await db.Bookmarks.AsNoTracking().SingleAsync(b => b.Kind == BookmarkKind.Timer);
        Assert.Equal(300 - 241, bookmark.CycleRemaining); // occurrence 241 is next; the 240 missed cost one firing
        Assert.Equal(DateTimeOffset.Parse("2026-01-25T10:00:00Z"), bookmark.DueAt);
    }

    [Fact]
    public async Task A_bounded_cycle_whose_remaining_occurrences_were_all_missed_fires_once_and_stops()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-01-15T09:00:00Z"));
        await h.DeployAsync(Reminder("R3/PT1H"));
        var id = await h.Engine.StartAsync("reminders");

        await h.AdvanceToAsync(DateTimeOffset.Parse("2026-01-16T09:00:00Z"));

        Assert.Single(await h.TraceAsync(id), e => e == "completed:remind");
        Assert.Null(await h.Engine.NextTimerDueAsync());
    }

    [Fact]
    public async Task A_timer_date_without_offset_is_wall_clock_time_in_Paris()
    {
        await using var h = await WorkflowHarness.CreateAsync(start: DateTimeOffset.Parse("2026-07-01T08:00:00Z"));
        await h.DeployAsync(Process("dated", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="at">{Timer("timeDate", "2026-07-14T09:00:00")}</bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />{Flow("f0", "start", "at")}{Flow("f1", "at", "end")}
            """));
        await h.Engine.StartAsync("dated");

        Assert.Equal(DateTimeOffset.Parse("2026-07-14T07:00:00Z"), await h.Engine.NextTimerDueAsync());
    }

    [Fact]
    public async Task A_timer_whose_expression_yields_a_duration_no_date_can_hold_is_an_incident_naming_the_element()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("farAway", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="short">{Timer("timeDuration", "PT1H")}</bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="far">{Timer("timeDuration", "${wait}")}</bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />{Flow("f0", "start", "short")}{Flow("f1", "short", "far")}{Flow("f2", "far", "end")}
            """));
        var id = await h.Engine.StartAsync("farAway", new Dictionary<string, object?> { ["wait"] = "P9999Y" });

        await h.AdvanceAsync(TimeSpan.FromHours(1));

        await using var db = await h.Db();
        var incident = await db.Incidents.AsNoTracking().SingleAsync();
        Assert.Equal("far", incident.ElementId);
        Assert.StartsWith("intermediateCatchEvent 'far': ", incident.Message);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task An_unbounded_cycle_computed_at_run_time_is_held_to_the_minimum_interval_and_fails_as_an_incident_naming_the_element()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("nagging", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="short">{Timer("timeDuration", "PT1H")}</bpmn:intermediateCatchEvent>
            <bpmn:userTask id="work" />
            <bpmn:boundaryEvent id="nag" attachedToRef="work" cancelActivity="false">{Timer("timeCycle", "${every}")}</bpmn:boundaryEvent>
            <bpmn:endEvent id="end" /><bpmn:endEvent id="nagged" />
            {Flow("f0", "start", "short")}{Flow("f1", "short", "work")}{Flow("f2", "work", "end")}{Flow("f3", "nag", "nagged")}
            """));
        var id = await h.Engine.StartAsync("nagging", new Dictionary<string, object?> { ["every"] = "R/PT0.01S" });

        await h.AdvanceAsync(TimeSpan.FromHours(1));

        await using var db = await h.Db();
        var incident = await db.Incidents.AsNoTracking().SingleAsync();
        Assert.StartsWith("boundaryEvent 'nag': its timer evaluated to 'R/PT0.01S'", incident.Message);
        Assert.Empty(await h.OpenTasksAsync(id)); // the step that would have armed it is not applied
    }

    [Fact]
    public async Task A_boundary_timer_whose_value_no_date_can_hold_fails_naming_the_boundary_event_not_its_task()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("bounded", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="short">{Timer("timeDuration", "PT1H")}</bpmn:intermediateCatchEvent>
            <bpmn:userTask id="work" />
            <bpmn:boundaryEvent id="deadline" attachedToRef="work">{Timer("timeDuration", "${wait}")}</bpmn:boundaryEvent>
            <bpmn:endEvent id="end" /><bpmn:endEvent id="late" />
            {Flow("f0", "start", "short")}{Flow("f1", "short", "work")}{Flow("f2", "work", "end")}{Flow("f3", "deadline", "late")}
            """));
        await h.Engine.StartAsync("bounded", new Dictionary<string, object?> { ["wait"] = "P9999Y" });

        await h.AdvanceAsync(TimeSpan.FromHours(1));

        await using var db = await h.Db();
        var incident = await db.Incidents.AsNoTracking().SingleAsync();
        Assert.Equal("deadline", incident.ElementId);
        Assert.StartsWith("boundaryEvent 'deadline': ", incident.Message);
        Assert.DoesNotContain("(Parameter", incident.Message);
    }
    [Theory]
    [InlineData("${(function(){ throw new Error('no date') })()}")]
    [InlineData("${(function(){ while (true) {} })()}")]
    [InlineData("${undefinedDelay}")]
    public async Task A_boundary_timer_whose_expression_fails_fails_naming_the_boundary_event_not_its_task(string value)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("bounded", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="work" />
            <bpmn:boundaryEvent id="deadline" attachedToRef="work">{Timer("timeDuration", value)}</bpmn:boundaryEvent>
            <bpmn:endEvent id="end" /><bpmn:endEvent id="late" />
            {Flow("f1", "start", "work")}{Flow("f2", "work", "end")}{Flow("f3", "deadline", "late")}
            """));

        var refusal = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("bounded"));

        Assert.Equal("deadline", refusal.ElementId);
        Assert.StartsWith("boundaryEvent 'deadline': expression ", refusal.Message);
    }

    [Theory]
    [InlineData("R${reminders}/PT1H", "null")]
    [InlineData("R${plan.reminders}/PT1H", "{}")]
    [InlineData("${delay}", "null")]
    [InlineData("R${plan.reminders}/PT1H", "{\"reminders\":\"\"}")]
    public async Task A_timer_value_with_a_part_that_yields_nothing_fails_naming_that_part_rather_than_become_another_timer(string value, string given)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Reminder(value.Replace("delay", "reminders")));
        var variables = new Dictionary<string, object?> { ["reminders"] = null, ["plan"] = System.Text.Json.Nodes.JsonNode.Parse(given) };

        // Read without its count, R${reminders}/PT1H would be R/PT1H: a reminder every hour, without end.
        var refusal = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("reminders", variables));

        Assert.Equal("remind", refusal.ElementId);
        Assert.Matches("yields (nothing|an empty text)", refusal.Message);
        Assert.Null(await h.Engine.NextTimerDueAsync());
    }

    [Fact]
    public async Task An_event_sub_process_timer_whose_expression_fails_fails_naming_its_start_event()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("watched", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="work" /><bpmn:endEvent id="end" />
            <bpmn:subProcess id="watch" triggeredByEvent="true">
              <bpmn:startEvent id="every" isInterrupting="false">{Timer("timeCycle", "${reminderCycle}")}</bpmn:startEvent>
              <bpmn:endEvent id="reminded" />{Flow("w1", "every", "reminded")}
            </bpmn:subProcess>
            {Flow("f1", "start", "work")}{Flow("f2", "work", "end")}
            """));

        var refusal = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("watched"));

        Assert.Equal(("every", "startEvent 'every': expression reminderCycle failed: ReferenceError: reminderCycle is not defined"), (refusal.ElementId, refusal.Message));
    }
}
