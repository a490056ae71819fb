using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

public sealed class MessageTests
{
    private const string HandoffKey = "${handoffId}";

    private static readonly string Handoff = Process("handoff", $"""
        <bpmn:startEvent id="start" />
        <bpmn:eventBasedGateway id="wait" />
        <bpmn:intermediateCatchEvent id="accepted" orc:correlationKey="{HandoffKey}"><bpmn:messageEventDefinition messageRef="Acc" /></bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="expired">{Timer("timeDuration", "P7D")}</bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="done" /><bpmn:userTask id="escalate" /><bpmn:endEvent id="escalated" />
        {Flow("f1", "start", "wait")}{Flow("f2", "wait", "accepted")}{Flow("f3", "wait", "expired")}
        {Flow("f4", "accepted", "done")}{Flow("f5", "expired", "escalate")}{Flow("f6", "escalate", "escalated")}
        """, Message("Acc", "handoff-accepted"));

    [Fact]
    public async Task An_event_based_gateway_takes_the_message_that_comes_first_and_withdraws_the_timer()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Handoff);
        var id = await h.Engine.StartAsync("handoff", new Dictionary<string, object?> { ["handoffId"] = "H1" });

        await h.AdvanceAsync(TimeSpan.FromDays(2));
        var outcome = await h.Engine.PublishMessageAsync("handoff-accepted", "H1", new Dictionary<string, object?> { ["structure"] = "CHRS Lille" });

        Assert.Equal(MessageDelivery.Delivered, outcome.Delivery);
        var instance = await h.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains("CHRS Lille", instance.Variables);
        await using var db = await h.Db();
        Assert.Empty(db.Bookmarks);
        Assert.Equal(["entered:start", "completed:start", "entered:wait", "completed:wait", "entered:accepted", "completed:accepted", "entered:done", "completed:done"],
            await h.TraceAsync(id));
    }

    [Fact]
    public async Task An_event_based_gateway_takes_the_timer_when_no_message_comes_in_time()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Handoff);
        var id = await h.Engine.StartAsync("handoff", new Dictionary<string, object?> { ["handoffId"] = "H2" });

        await h.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.Equal(["escalate"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));

        var late = await h.Engine.PublishMessageAsync("handoff-accepted", "H2");
        Assert.Equal(MessageDelivery.Stored, late.Delivery);
        Assert.Equal(["escalate"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
    }

    [Fact]
    public async Task A_message_that_arrives_before_its_catch_event_is_kept_and_delivered_when_the_catch_appears()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("early", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="prepare" />
            <bpmn:receiveTask id="awaitAnswer" messageRef="Ans" orc:correlationKey="{HandoffKey}" />
            <bpmn:userTask id="after" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "prepare")}{Flow("f2", "prepare", "awaitAnswer")}{Flow("f3", "awaitAnswer", "after")}{Flow("f4", "after", "end")}
            """, Message("Ans", "answer")));
        var id = await h.Engine.StartAsync("early", new Dictionary<string, object?> { ["handoffId"] = "H3" });

        var early = await h.Engine.PublishMessageAsync("answer", "H3", new Dictionary<string, object?> { ["accepted"] = true });
        Assert.Equal(MessageDelivery.Stored, early.Delivery);

        await h.CompleteAsync(id, "prepare");

        Assert.Equal(["after"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        await using var db = await h.Db();
        Assert.Empty(db.PendingMessages);
        Assert.Contains("\"accepted\":true", (await h.InstanceAsync(id)).Variables);
    }

    [Fact]
    public async Task A_message_thrown_by_one_instance_resumes_the_instance_waiting_with_the_same_correlation_key()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("receiver", $"""
            <bpmn:startEvent id="start" /><bpmn:receiveTask id="wait" messageRef="Ok" orc:correlationKey="{HandoffKey}" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "wait")}{Flow("f2", "wait", "end")}
            """, Message("Ok", "handoff-accepted")));
        await h.DeployAsync(Process("sender", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="decide" />
            <bpmn:sendTask id="answer" messageRef="Ok" orc:correlationKey="{HandoffKey}" orc:payload="decision" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "decide")}{Flow("f2", "decide", "answer")}{Flow("f3", "answer", "end")}
            """, Message("Ok", "handoff-accepted")));
        var waiting = await h.Engine.StartAsync("receiver", new Dictionary<string, object?> { ["handoffId"] = "H4" });
        var bystander = await h.Engine.StartAsync("receiver", new Dictionary<string, object?> { ["handoffId"] = "H5" });
        var sender = await h.Engine.StartAsync("sender", new Dictionary<string, object?> { ["handoffId"] = "H4", ["decision"] = "accepted" });

        await h.CompleteAsync(sender, "decide");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(waiting)).Status);
        Assert.Contains("\"decision\":\"accepted\"", (await h.InstanceAsync(waiting)).Variables);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(bystander)).Status);
    }

    [Fact]
    public async Task A_payload_naming_a_variable_the_sender_does_not_have_refuses_the_step_rather_than_send_null_over_the_receiver_s_value()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("receiver", $"""
            <bpmn:startEvent id="start" /><bpmn:receiveTask id="wait" messageRef="Ok" orc:correlationKey="{HandoffKey}" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "wait")}{Flow("f2", "wait", "end")}
            """, Message("Ok", "handoff-accepted")));
        await h.DeployAsync(Process("sender", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="decide" />
            <bpmn:sendTask id="answer" messageRef="Ok" orc:correlationKey="{HandoffKey}" orc:payload="decision,status" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "decide")}{Flow("f2", "decide", "answer")}{Flow("f3", "answer", "end")}
            """, Message("Ok", "handoff-accepted")));
        var waiting = await h.Engine.StartAsync("receiver", new Dictionary<string, object?> { ["handoffId"] = "H4", ["status"] = "active" });
        var sender = await h.Engine.StartAsync("sender", new Dictionary<string, object?> { ["handoffId"] = "H4", ["decision"] = "accepted" });

        var refused = await Assert.ThrowsAnyAsync<WorkflowException>(() => h.CompleteAsync(sender, "decide"));

        Assert.Contains("sendTask 'answer'", refused.Message);
        Assert.Contains("'status'", refused.Message);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(waiting)).Status);
        Assert.Contains("\"status\":\"active\"", (await h.InstanceAsync(waiting)).Variables);
        Assert.Equal(["decide"], (await h.OpenTasksAsync(sender)).Select(t => t.ElementId));
    }

    [Fact]
    public async Task A_message_whose_payload_carries_a_parameter_of_the_receiving_process_fails_on_its_catch_rather_than_move_the_legal_deadline()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("stay", $"""
            <bpmn:extensionElements><orc:parameter name="plannedStay" default="P2M" label="Durée prévue" max="P2M" source="CASF D312-176-2" /></bpmn:extensionElements>
            <bpmn:startEvent id="start" /><bpmn:receiveTask id="wait" messageRef="Ok" orc:correlationKey="{HandoffKey}" />
            <bpmn:intermediateCatchEvent id="stayEnds">{Timer("timeDuration", "${plannedStay}")}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />
            {Flow("f1", "start", "wait")}{Flow("f2", "wait", "stayEnds")}{Flow("f3", "stayEnds", "end")}
            """, Message("Ok", "handoff-accepted")));
        var id = await h.Engine.StartAsync("stay", new Dictionary<string, object?> { ["handoffId"] = "H5" });

        var outcome = await h.Engine.PublishMessageAsync("handoff-accepted", "H5", new Dictionary<string, object?> { ["plannedStay"] = "P6M" });

        Assert.Equal(MessageDelivery.Failed, outcome.Delivery);
        await using var db = await h.Db();
        var incident = Assert.Single(db.Incidents);
        Assert.Equal("wait", incident.ElementId);
        Assert.Contains("message 'handoff-accepted' carries 'plannedStay', a parameter of this process", incident.Message);
        Assert.Contains("\"plannedStay\":\"P2M\"", (await h.InstanceAsync(id)).Variables);
        Assert.Equal("wait", Assert.Single(db.Bookmarks).ElementId);
    }

    /// <summary>A sub-process that ends on a message end event, and an interrupting boundary event waiting for that message.</summary>
    private static readonly string ClosingOnItsOwnMessage = Process("closing", $"""
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="stay">
          <bpmn:startEvent id="s" /><bpmn:endEvent id="close"><bpmn:messageEventDefinition messageRef="Closed" /></bpmn:endEvent>{Flow("s0", "s", "close")}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="closed" attachedToRef="stay"><bpmn:messageEventDefinition messageRef="Closed" /></bpmn:boundaryEvent>
        <bpmn:endEvent id="normally" /><bpmn:endEvent id="onClosure" />
        {Flow("f0", "start", "stay")}{Flow("f1", "stay", "normally")}{Flow("f2", "closed", "onClosure")}
        """, Message("Closed", "stay-closed"));

    [Fact]
    public async Task A_sub_process_that_throws_a_message_as_it_ends_is_interrupted_by_its_own_message_boundary_event()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(ClosingOnItsOwnMessage);

        var id = await h.Engine.StartAsync("closing");

        // The sub-process was running when the message was thrown, and its boundary was the only catch waiting: it took it, once.
        var trace = await h.TraceAsync(id);
        Assert.Contains("completed:onClosure", trace);
        Assert.DoesNotContain("entered:normally", trace);
        Assert.DoesNotContain("cancelled:close", trace); // the end event did its part before the boundary interrupted
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        await using var db = await h.Db();
        Assert.Empty(db.PendingMessages); // taken, not also kept for a later catch
    }

    [Fact]
    public async Task A_message_thrown_inside_a_sub_process_reaches_its_non_interrupting_boundary_while_the_thrower_goes_on()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("noticing", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="stay">
              <bpmn:startEvent id="s" /><bpmn:intermediateThrowEvent id="tell"><bpmn:messageEventDefinition messageRef="Closed" /></bpmn:intermediateThrowEvent>
              <bpmn:endEvent id="e" />{Flow("s0", "s", "tell")}{Flow("s1", "tell", "e")}
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="noted" attachedToRef="stay" cancelActivity="false"><bpmn:messageEventDefinition messageRef="Closed" /></bpmn:boundaryEvent>
            <bpmn:userTask id="noteIt" /><bpmn:userTask id="after" /><bpmn:endEvent id="end" /><bpmn:endEvent id="noteEnd" />
            {Flow("f0", "start", "stay")}{Flow("f1", "stay", "after")}{Flow("f2", "after", "end")}{Flow("f3", "noted", "noteIt")}{Flow("f4", "noteIt", "noteEnd")}
            """, Message("Closed", "stay-closed")));

        var id = await h.Engine.StartAsync("noticing");

        Assert.Equal(["after", "noteIt"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Order());
        await using var db = await h.Db();
        Assert.Empty(db.PendingMessages);
    }

    [Fact]
    public async Task A_message_a_sub_process_throws_goes_to_an_older_catch_of_another_instance_rather_than_to_its_own_boundary()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("listener", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="Closed" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />{Flow("f0", "start", "wait")}{Flow("f1", "wait", "end")}
            """, Message("Closed", "stay-closed")));
        await h.DeployAsync(ClosingOnItsOwnMessage);
        var listener = await h.Engine.StartAsync("listener");
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));

        var id = await h.Engine.StartAsync("closing");

        // One message, one receiver: the catch that waited longest, as for a message sent from outside.
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(listener)).Status);
        var trace = await h.TraceAsync(id);
        Assert.Contains("completed:normally", trace);
        Assert.DoesNotContain("entered:onClosure", trace);
    }

    [Fact]
    public async Task A_thrown_message_goes_to_the_catch_that_waited_longest_not_to_one_armed_after_the_throw_in_the_same_step()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("oldest", $"""
            <bpmn:startEvent id="start" /><bpmn:parallelGateway id="split" />
            <bpmn:intermediateCatchEvent id="waiting"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="endWaiting" />
            <bpmn:intermediateCatchEvent id="hour">{Timer("timeDuration", "PT1H")}</bpmn:intermediateCatchEvent>
            <bpmn:intermediateThrowEvent id="tell"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateThrowEvent>
            <bpmn:eventBasedGateway id="which" />
            <bpmn:intermediateCatchEvent id="late"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="quiet">{Timer("timeDuration", "PT2H")}</bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="endLate" /><bpmn:endEvent id="endQuiet" />
            {Flow("f0", "start", "split")}{Flow("f1", "split", "waiting")}{Flow("f2", "waiting", "endWaiting")}{Flow("f3", "split", "hour")}
            {Flow("f4", "hour", "tell")}{Flow("f5", "tell", "which")}{Flow("f6", "which", "late")}{Flow("f7", "which", "quiet")}
            {Flow("f8", "late", "endLate")}{Flow("f9", "quiet", "endQuiet")}
            """, Message("M", "news")));
        var id = await h.Engine.StartAsync("oldest");

        await h.AdvanceAsync(TimeSpan.FromHours(1));
        await h.AdvanceAsync(TimeSpan.FromHours(2));

        var trace = await h.TraceAsync(id);
        Assert.Contains("completed:endWaiting", trace);
        Assert.Contains("completed:endQuiet", trace);
        Assert.DoesNotContain("completed:late", trace);
    }

    [Theory]
    [InlineData("${handoffId}", "nothing (null)")]
    [InlineData("${[handoffId]}", "a list")]
    public async Task A_catch_whose_correlation_key_yields_nothing_or_a_list_fails_its_step_rather_than_take_any_keyless_message(string key, string yields)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("keyed", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="prepare" />
            <bpmn:intermediateCatchEvent id="answer" orc:correlationKey="{key}"><bpmn:messageEventDefinition messageRef="Acc" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />{Flow("f0", "start", "prepare")}{Flow("f1", "prepare", "answer")}{Flow("f2", "answer", "end")}
            """, Message("Acc", "handoff-accepted")));
        var id = await h.Engine.StartAsync("keyed", new Dictionary<string, object?> { ["handoffId"] = null });

        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.CompleteAsync(id, "prepare"));

        Assert.Equal("answer", refused.ElementId);
        Assert.Contains(yields, refused.Message);
        Assert.Equal(MessageDelivery.Stored, (await h.Engine.PublishMessageAsync("handoff-accepted", null)).Delivery);
    }

    [Fact]
    public async Task Messages_that_keep_starting_instances_that_throw_them_again_are_cut_after_64_with_an_incident_on_the_thrower()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("again", $"""
            <bpmn:startEvent id="start" /><bpmn:startEvent id="onAgain"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>
            <bpmn:intermediateThrowEvent id="throwAgain"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateThrowEvent><bpmn:endEvent id="end" />
            {Flow("f0", "start", "throwAgain")}{Flow("f1", "onAgain", "throwAgain")}{Flow("f2", "throwAgain", "end")}
            """, Message("M", "again")));

        await h.Engine.StartAsync("again");

        await using var db = await h.Db();
        Assert.Equal(65, db.Instances.Count()); // the first, and 64 started by the chain of messages
        var incident = Assert.Single(db.Incidents);
        Assert.Equal("throwAgain", incident.ElementId);
        Assert.Contains("the model sends messages in a loop", incident.Message);
        Assert.Empty(db.PendingMessages); // not left for the reconciler to start the loop again
    }

    [Fact]
    public async Task A_message_goes_to_a_caller_s_catch_armed_earlier_in_the_same_step_rather_than_to_the_thrower_s_own_newer_boundary()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(ClosingOnItsOwnMessage);
        await h.DeployAsync(Process("caller", $"""
            <bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
            <bpmn:intermediateCatchEvent id="waiting"><bpmn:messageEventDefinition messageRef="Closed" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="heard" />
            <bpmn:callActivity id="call" calledElement="closing" /><bpmn:endEvent id="called" />
            {Flow("f0", "start", "fork")}{Flow("f1", "fork", "waiting")}{Flow("f2", "waiting", "heard")}{Flow("f3", "fork", "call")}{Flow("f4", "call", "called")}
            """, Message("Closed", "stay-closed")));

        var id = await h.Engine.StartAsync("caller");

        // The caller's catch was armed first, in the very step (one clock reading): it waited longest, and takes the message.
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        await using var db = await h.Db();
        var callee = db.Instances.Single(i => i.ParentInstanceId == id).Id;
        Assert.Contains("completed:normally", await h.TraceAsync(callee));
        Assert.DoesNotContain("entered:onClosure", await h.TraceAsync(callee));
    }

    [Fact]
    public async Task A_message_start_event_starts_an_instance_when_nothing_waits_for_the_message()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("alert", $"""
            <bpmn:startEvent id="raised"><bpmn:messageEventDefinition messageRef="Raise" /></bpmn:startEvent>
            <bpmn:userTask id="review" /><bpmn:endEvent id="end" />
            {Flow("f1", "raised", "review")}{Flow("f2", "review", "end")}
            """, Message("Raise", "complex-situation-raised")));

        var outcome = await h.Engine.PublishMessageAsync("complex-situation-raised", "partner-42", new Dictionary<string, object?> { ["reason"] = "rupture" });

        Assert.Equal(MessageDelivery.Started, outcome.Delivery);
        var instance = await h.InstanceAsync(outcome.InstanceId!.Value);
        Assert.Equal("partner-42", instance.BusinessKey);
        Assert.Equal(["review"], (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
    }

    [Fact]
    public async Task A_service_task_can_wait_for_an_answer_and_its_outputs_become_variables()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("asking", $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="ask" orc:activity="AwaitAnswer"><bpmn:extensionElements><orc:input name="key" value="{HandoffKey}" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            {Flow("f1", "start", "ask")}{Flow("f2", "ask", "end")}
            """));
        var id = await h.Engine.StartAsync("asking", new Dictionary<string, object?> { ["handoffId"] = "H6" });
        Assert.Contains("\"asked\":true", (await h.InstanceAsync(id)).Variables);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);

        await h.Engine.PublishMessageAsync("answer", "H6");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_service_task_s_wait_cancelled_with_its_scope_is_told_to_the_host_and_one_answered_is_not()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("asking", $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="ask" orc:activity="AwaitAnswer"><bpmn:extensionElements><orc:input name="key" value="{HandoffKey}" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:boundaryEvent id="givenUp" attachedToRef="ask">{Timer("timeDuration", "P2D")}</bpmn:boundaryEvent>
            <bpmn:userTask id="callBack" /><bpmn:endEvent id="end" /><bpmn:endEvent id="abandoned" />
            {Flow("f1", "start", "ask")}{Flow("f2", "ask", "end")}{Flow("f3", "givenUp", "callBack")}{Flow("f4", "callBack", "abandoned")}
            """));
        var answered = await h.Engine.StartAsync("asking", new Dictionary<string, object?> { ["handoffId"] = "H1" }, businessKey: "episode-1");
        var given = await h.Engine.StartAsync("asking", new Dictionary<string, object?> { ["handoffId"] = "H2" }, businessKey: "episode-2");

        await h.Engine.PublishMessageAsync("answer", "H1");
        await h.AdvanceAsync(TimeSpan.FromDays(2));

        await using var db = await h.Db();
        var cancelled = db.Outbox.Where(o => o.Type == Orchestrator.Workflows.Runtime.WorkflowEvents.WaitCancelled).ToList();
        var wait = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(cancelled).Payload)!;
        Assert.Equal((given, "ask", "answer", "H2", "episode-2"), (Assert.Single(cancelled).InstanceId, wait["elementId"]!.GetValue<string>(),
            wait["messageName"]!.GetValue<string>(), wait["correlationKey"]!.GetValue<string>(), wait["businessKey"]!.GetValue<string>()));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(answered)).Status);
    }

    private static readonly string AnswerThenDecide = Process("answered", $"""
        <bpmn:startEvent id="start" />
        <bpmn:receiveTask id="awaitAnswer" messageRef="Ans" orc:correlationKey="{HandoffKey}" />
        <bpmn:exclusiveGateway id="decide" />
        <bpmn:endEvent id="housed" /><bpmn:endEvent id="notHoused" />
        {Flow("f1", "start", "awaitAnswer")}{Flow("f2", "awaitAnswer", "decide")}
        {Flow("yes", "decide", "housed", "${answer === 'yes'}")}{Flow("no", "decide", "notHoused", "${answer === 'no'}")}
        """, Message("Ans", "answer"));

    [Fact]
    public async Task A_published_message_the_waiting_instance_cannot_go_on_with_is_named_in_an_incident_and_the_next_one_still_gets_through()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(AnswerThenDecide);
        var id = await h.Engine.StartAsync("answered", new Dictionary<string, object?> { ["handoffId"] = "H7" });

        var outcome = await h.Engine.PublishMessageAsync("answer", "H7", new Dictionary<string, object?> { ["answer"] = "maybe" });

        Assert.Equal((MessageDelivery.Failed, (Guid?)id), (outcome.Delivery, outcome.InstanceId));
        await using (var db = await h.Db())
        {
            var incident = Assert.Single(db.Incidents.Where(i => i.ResolvedAt == null));
            Assert.Equal((id, "decide"), (incident.InstanceId, incident.ElementId));
            Assert.Contains("no outgoing flow has a true condition", incident.Message);
            Assert.Equal("awaitAnswer", Assert.Single(db.Bookmarks).ElementId); // the step was rolled back: still waiting
            Assert.Empty(db.PendingMessages); // not kept, or the next answer would take it again and fail with it
        }

        Assert.Equal(MessageDelivery.Delivered, (await h.Engine.PublishMessageAsync("answer", "H7", new Dictionary<string, object?> { ["answer"] = "yes" })).Delivery);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Equal(["entered:housed", "completed:housed"], (await h.TraceAsync(id))[^2..]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_message_whose_step_loops_without_a_wait_state_is_named_in_an_incident_not_lost_in_an_internal_error(bool onlyIfAwaited)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("spinning", $"""
            <bpmn:startEvent id="start" /><bpmn:receiveTask id="awaitAnswer" messageRef="Ans" orc:correlationKey="{HandoffKey}" />
            <bpmn:exclusiveGateway id="again" /><bpmn:manualTask id="spin" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "awaitAnswer")}{Flow("f2", "awaitAnswer", "again")}{Flow("f3", "again", "spin", "${answer !== 'stop'}")}
            {Flow("f4", "spin", "again")}{Flow("f5", "again", "end", "${answer === 'stop'}")}
            """, Message("Ans", "answer")));
        var id = await h.Engine.StartAsync("spinning", new Dictionary<string, object?> { ["handoffId"] = "H10" });
        var payload = new Dictionary<string, object?> { ["answer"] = "go" };

        if (onlyIfAwaited)
            Assert.Equal("step-limit", (await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.DeliverIfAwaitedAsync("answer", "H10", payload))).Code);
        else
            Assert.Equal(MessageDelivery.Failed, (await h.Engine.PublishMessageAsync("answer", "H10", payload)).Delivery);

        await using var db = await h.Db();
        var incident = Assert.Single(db.Incidents, i => i.ResolvedAt == null);
        Assert.Equal(id, incident.InstanceId);
        Assert.Contains("loops without a wait state", incident.Message);
        Assert.Equal("awaitAnswer", Assert.Single(db.Bookmarks).ElementId); // rolled back: still waiting
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_message_start_whose_first_step_fails_is_an_incident_naming_the_process_as_the_refusal_says(bool thrownByAnInstance)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("referral", $"""
            <bpmn:startEvent id="received"><bpmn:messageEventDefinition messageRef="Ref" /></bpmn:startEvent>
            <bpmn:exclusiveGateway id="which" /><bpmn:userTask id="assess" /><bpmn:endEvent id="end" />
            {Flow("f0", "received", "which")}{Flow("f1", "which", "assess", "${level > 5}")}{Flow("f2", "assess", "end")}
            """, Message("Ref", "referral")));
        if (thrownByAnInstance)
        {
            // A pathway sends the referral as it ends: the message is stored, its delivery fails in the background.
            await h.DeployAsync(Process("sender", $"""
                <bpmn:startEvent id="s" /><bpmn:endEvent id="send"><bpmn:messageEventDefinition messageRef="Ref" /></bpmn:endEvent>{Flow("g0", "s", "send")}
                """, Message("Ref", "referral")));
            await h.Engine.StartAsync("sender", new Dictionary<string, object?> { ["level"] = 3 });
            await h.Engine.DeliverStoredMessagesAsync();
        }
        else
            await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.PublishMessageAsync("referral", null, new Dictionary<string, object?> { ["level"] = 3 }));

        await using var db = await h.Db();
        Assert.DoesNotContain(db.Instances, i => i.DefinitionKey == "referral");
        var incident = Assert.Single(db.Incidents);
        Assert.Equal((Guid.Empty, "which"), (incident.InstanceId, incident.ElementId));
        Assert.Contains("process 'referral' (version 1) could not start on message 'referral'", incident.Message);
    }

    [Fact]
    public async Task Retrying_the_incident_of_a_published_message_that_was_not_kept_closes_it_saying_nothing_is_left_to_deliver()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(AnswerThenDecide);
        await h.Engine.StartAsync("answered", new Dictionary<string, object?> { ["handoffId"] = "H9" });
        await h.Engine.PublishMessageAsync("answer", "H9", new Dictionary<string, object?> { ["answer"] = "maybe" });
        Guid incidentId;
        await using (var db = await h.Db())
            incidentId = db.Incidents.Single().Id;

        Assert.Equal(TimerOutcome.AlreadyConsumed, await h.Engine.RetryIncidentAsync(incidentId));

        await using (var db = await h.Db())
            Assert.NotNull(db.Incidents.Single().ResolvedAt);
    }

    [Fact]
    public async Task A_message_delivered_only_if_awaited_that_the_instance_cannot_go_on_with_is_refused_and_named_in_an_incident()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(AnswerThenDecide);
        var id = await h.Engine.StartAsync("answered", new Dictionary<string, object?> { ["handoffId"] = "H8" });

        var refusal = await Assert.ThrowsAsync<StepFailedException>(() =>
            h.Engine.DeliverIfAwaitedAsync("answer", "H8", new Dictionary<string, object?> { ["answer"] = "maybe" }));

        Assert.Equal("decide", refusal.ElementId);
        await using var db = await h.Db();
        Assert.Equal((id, "decide"), Assert.Single(db.Incidents, i => i.ResolvedAt == null) is var incident ? (incident.InstanceId, incident.ElementId) : default);
        Assert.Empty(db.PendingMessages); // its caller keeps what it delivers and tries again
        Assert.Equal("awaitAnswer", Assert.Single(db.Bookmarks).ElementId);
    }
}
