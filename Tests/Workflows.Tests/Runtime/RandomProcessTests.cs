using System.Text;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>
/// Property: a small valid process, built at random from the supported elements (tasks, exclusive, parallel and
/// inclusive gateways, conditional flows out of activities with a default, timers, sub-processes, boundary timers, service
/// tasks, multi-instance tasks, escalations, timer event sub-processes, call-free), driven by random answers and a moving clock, always runs to its end without an unhandled
/// exception, without an incident and within a bounded number of steps. Seeded, so a failure is reproducible.
/// </summary>
public sealed class RandomProcessTests
{
    private sealed class Builder(Random random)
    {
        private readonly StringBuilder _elements = new();
        private readonly StringBuilder _flows = new();
        private int _next;

        private string Id(string prefix) => $"{prefix}{++_next}";

        private void Flow(string from, string to, string? condition = null) => _flows.Append(Bpmn.Flow(Id("f"), from, to, condition));

        private void FlowWithId(string id, string from, string to) => _flows.Append(Bpmn.Flow(id, from, to));

        /// <summary>Adds a block of elements between <paramref name="from"/> and a new last element, whose id it returns.</summary>
        public string Block(string from, int depth)
        {
            var choice = depth <= 0 ? random.Next(4) : random.Next(14);
            switch (choice)
            {
                case 0: return Single(from, id => $"""<bpmn:manualTask id="{id}" />""");
                case 1: return Single(from, id => $"""<bpmn:userTask id="{id}"><bpmn:extensionElements><orc:field name="flag" type="boolean" /></bpmn:extensionElements></bpmn:userTask>""");
                case 2:
                    var wait = Pick("PT1H", "P1D", "P1M", "PT90M");
                    return Single(from, id => $"""<bpmn:intermediateCatchEvent id="{id}">{Timer("timeDuration", wait)}</bpmn:intermediateCatchEvent>""");
                case 3: return Single(from, id => $$"""<bpmn:serviceTask id="{{id}}" orc:activity="Record"><bpmn:extensionElements><orc:input name="value" value="${flag}" /></bpmn:extensionElements></bpmn:serviceTask>""");
                case 4: return Block(Block(from, depth - 1), depth - 1);
                case 5:
                {
                    var split = Id("xor");
                    var join = Id("merge");
                    var other = Id("f");
                    _elements.Append($"""<bpmn:exclusiveGateway id="{split}" default="{other}" /><bpmn:exclusiveGateway id="{join}" />""");
                    Flow(from, split);
                    var a = Block2(split, depth - 1, "${flag === true}");
                    Flow(a, join);
                    var b = Block(Entry(split, other), depth - 1);
                    Flow(b, join);
                    return join;
                }
                case 10:
                {
                    // An inclusive split (two conditions and a default) and its inclusive join.
                    var split = Id("or");
                    var join = Id("orJoin");
                    var other = Id("f");
                    _elements.Append($"""<bpmn:inclusiveGateway id="{split}" default="{other}" /><bpmn:inclusiveGateway id="{join}" />""");
                    Flow(from, split);
                    Flow(Block2(split, depth - 1, "${flag === true}"), join);
                    Flow(Block2(split, depth - 1, "${count > 2}"), join);
                    Flow(Block(Entry(split, other), depth - 1), join);
                    return join;
                }
                case 6:
                {
                    var split = Id("and");
                    var join = Id("join");
                    _elements.Append($"""<bpmn:parallelGateway id="{split}" /><bpmn:parallelGateway id="{join}" />""");
                    Flow(from, split);
                    Flow(Block(split, depth - 1), join);
                    Flow(Block(split, depth - 1), join);
                    return join;
                }
                case 7:
                {
                    // Conditional flows out of an activity with a default: an inclusive split, joined by a task per branch end.
                    var task = Id("sort");
                    var fallback = Id("f");
                    _elements.Append($"""<bpmn:manualTask id="{task}" default="{fallback}" />""");
                    Flow(from, task);
                    var end1 = Id("end");
                    var end2 = Id("end");
                    _elements.Append($"""<bpmn:endEvent id="{end1}" /><bpmn:endEvent id="{end2}" />""");
                    Flow(Block2(task, depth - 1, "${count > 2}"), end1);
                    Flow(Block(Entry(task, fallback), depth - 1), end2);
                    return Single(task, id => $"""<bpmn:manualTask id="{id}" />""", conditionFromPrevious: "${count >= 0}");
                }
                case 11:
                {
                    // A multi-instance task, parallel or sequential, 0 to 3 times, that a true flag may stop early.
                    var sequential = random.Next(2) == 0 ? "true" : "false";
                    var times = random.Next(4);
                    return Single(from, id => $$"""<bpmn:userTask id="{{id}}"><bpmn:extensionElements><orc:field name="flag" type="boolean" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics isSequential="{{sequential}}"><bpmn:loopCardinality>{{times}}</bpmn:loopCardinality><bpmn:completionCondition>${flag === true}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>""");
                }
                case 12:
                {
                    // A sub-process that escalates half-way, caught beside it (non-interrupting) or instead of it (interrupting).
                    var sub = Id("esc");
                    var start = Id("escStart");
                    var raise = Id("raise");
                    var task = Id("escTask");
                    var end = Id("escEnd");
                    var boundary = Id("onEsc");
                    var interrupting = random.Next(2) == 0;
                    _elements.Append($$"""
                        <bpmn:subProcess id="{{sub}}"><bpmn:startEvent id="{{start}}" /><bpmn:intermediateThrowEvent id="{{raise}}"><bpmn:escalationEventDefinition escalationRef="Up" /></bpmn:intermediateThrowEvent>
                        <bpmn:userTask id="{{task}}" /><bpmn:endEvent id="{{end}}" />
                        {{Bpmn.Flow(Id("f"), start, raise)}}{{Bpmn.Flow(Id("f"), raise, task)}}{{Bpmn.Flow(Id("f"), task, end)}}</bpmn:subProcess>
                        <bpmn:boundaryEvent id="{{boundary}}" attachedToRef="{{sub}}" cancelActivity="{{(interrupting ? "true" : "false")}}"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
                        """);
                    Flow(from, sub);
                    if (!interrupting)
                    {
                        var escalated = Single(boundary, id => $"""<bpmn:userTask id="{id}" />""");
                        var after = Id("escalatedEnd");
                        _elements.Append($"""<bpmn:endEvent id="{after}" />""");
                        Flow(escalated, after);
                        return sub;
                    }
                    var merge = Id("merge");
                    _elements.Append($"""<bpmn:exclusiveGateway id="{merge}" />""");
                    Flow(sub, merge);
                    Flow(boundary, merge);
                    return merge;
                }
                case 13:
                {
                    // A sub-process with a daily non-interrupting reminder event sub-process while its task waits.
                    var sub = Id("rem");
                    var start = Id("remStart");
                    var task = Id("remTask");
                    var end = Id("remEnd");
                    var events = Id("remEvents");
                    _elements.Append($$"""
                        <bpmn:subProcess id="{{sub}}"><bpmn:startEvent id="{{start}}" /><bpmn:userTask id="{{task}}" /><bpmn:endEvent id="{{end}}" />
                        {{Bpmn.Flow(Id("f"), start, task)}}{{Bpmn.Flow(Id("f"), task, end)}}
                        <bpmn:subProcess id="{{events}}" triggeredByEvent="true"><bpmn:startEvent id="{{events}}s" isInterrupting="false">{{Timer("timeCycle", "R2/P1D")}}</bpmn:startEvent>
                        <bpmn:userTask id="{{events}}t" /><bpmn:endEvent id="{{events}}e" />{{Bpmn.Flow(Id("f"), events + "s", events + "t")}}{{Bpmn.Flow(Id("f"), events + "t", events + "e")}}</bpmn:subProcess>
                        </bpmn:subProcess>
                        """);
                    Flow(from, sub);
                    return sub;
                }
                case 9:
                {
                    // A sub-process whose inner branch may end on a BPMN error, caught by a catch-all boundary.
                    var sub = Id("sub");
                    var start = Id("subStart");
                    var gate = Id("gate");
                    var fine = Id("fine");
                    var boom = Id("boom");
                    var onError = Id("onError");
                    var merge = Id("merge");
                    var okFlow = Id("f");
                    _elements.Append($"""
                        <bpmn:subProcess id="{sub}"><bpmn:startEvent id="{start}" /><bpmn:exclusiveGateway id="{gate}" default="{okFlow}" />
                        <bpmn:endEvent id="{fine}" /><bpmn:endEvent id="{boom}"><bpmn:errorEventDefinition errorRef="Oops" /></bpmn:endEvent>
                        {Bpmn.Flow(Id("f"), start, gate)}{Bpmn.Flow(okFlow, gate, fine)}{Bpmn.Flow(Id("f"), gate, boom, "${flag === true}")}</bpmn:subProcess>
                        <bpmn:boundaryEvent id="{onError}" attachedToRef="{sub}"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
                        <bpmn:exclusiveGateway id="{merge}" />
                        """);
                    Flow(from, sub);
                    Flow(sub, merge);
                    Flow(onError, merge);
                    return merge;
                }
                default:
                {
                    var sub = Id("sub");
                    var start = Id("subStart");
                    var task = Id("subTask");
                    var end = Id("subEnd");
                    var boundary = Id("timer");
                    var after = Id("afterTimer");
                    var interrupting = random.Next(2) == 0;
                    _elements.Append($"""
                        <bpmn:subProcess id="{sub}"><bpmn:startEvent id="{start}" /><bpmn:userTask id="{task}" /><bpmn:endEvent id="{end}" />
                        {Bpmn.Flow(Id("f"), start, task)}{Bpmn.Flow(Id("f"), task, end)}</bpmn:subProcess>
                        <bpmn:boundaryEvent id="{boundary}" attachedToRef="{sub}" cancelActivity="{(interrupting ? "true" : "false")}">{Timer(interrupting ? "timeDuration" : "timeCycle", interrupting ? "P2D" : "R2/PT12H")}</bpmn:boundaryEvent>
                        """);
                    Flow(from, sub);
                    if (!interrupting)
                    {
                        _elements.Append($"""<bpmn:endEvent id="{after}" />""");
                        Flow(boundary, after);
                        return sub;
                    }
                    // An interrupting timer replaces the sub-process's way out, so whatever follows (a join) still gets its token.
                    var merge = Id("merge");
                    _elements.Append($"""<bpmn:exclusiveGateway id="{merge}" />""");
                    Flow(sub, merge);
                    Flow(boundary, merge);
                    return merge;
                }
            }
        }

        /// <summary>A block entered by a conditional flow.</summary>
        private string Block2(string from, int depth, string condition)
        {
            var first = Single(from, id => $"""<bpmn:manualTask id="{id}" />""", conditionFromPrevious: condition);
            return Block(first, depth);
        }

        /// <summary>A pass-through task entered by a flow with a given id (a default flow), from which a block continues.</summary>
        private string Entry(string from, string flowId)
        {
            var id = Id("via");
            _elements.Append($"""<bpmn:manualTask id="{id}" />""");
            FlowWithId(flowId, from, id);
            return id;
        }

        private string Single(string from, Func<string, string> element, string? conditionFromPrevious = null)
        {
            var id = Id("n");
            _elements.Append(element(id));
            Flow(from, id, conditionFromPrevious);
            return id;
        }

        private string Pick(params string[] values) => values[random.Next(values.Length)];

        public string Xml(string key)
        {
            _elements.Insert(0, """<bpmn:startEvent id="start" />""");
            var last = Block("start", 3);
            _elements.Append("""<bpmn:endEvent id="end" />""");
            Flow(last, "end");
            return Process(key, _elements.ToString() + _flows, """<bpmn:error id="Oops" errorCode="OOPS" /><bpmn:escalation id="Up" escalationCode="UP" />""");
        }
    }

    [Fact]
    public async Task Random_valid_processes_run_to_their_end_without_an_unhandled_exception_or_an_incident()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var withInclusiveJoins = 0;
        var withLoops = 0;
        var withEscalations = 0;
        var withEventSubProcesses = 0;
        for (var seed = 1; seed <= 80; seed++)
        {
            var random = new Random(seed);
            var key = $"random{seed}";
            var xml = new Builder(random).Xml(key);
            if (xml.Contains("<bpmn:inclusiveGateway", StringComparison.Ordinal)) withInclusiveJoins++;
            if (xml.Contains("<bpmn:multiInstanceLoopCharacteristics", StringComparison.Ordinal)) withLoops++;
            if (xml.Contains("<bpmn:escalationEventDefinition", StringComparison.Ordinal)) withEscalations++;
            if (xml.Contains("triggeredByEvent", StringComparison.Ordinal)) withEventSubProcesses++;
            var problems = Parsing.BpmnParser.Validate(xml, type => type is "Record");
            Assert.True(problems.Count == 0, $"seed {seed} built an invalid process:\n{string.Join("\n", problems)}\n{xml}");
            await h.DeployAsync(xml);
            var id = await h.Engine.StartAsync(key, new Dictionary<string, object?> { ["flag"] = random.Next(2) == 0, ["count"] = random.Next(5) });

            for (var step = 0; step < 200 && (await h.InstanceAsync(id)).Status == InstanceStatus.Running; step++)
            {
                await using var db = await h.Db();
                var childTasks = await db.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open).ToListAsync();
                if (childTasks.Count > 0 && random.Next(3) > 0)
                {
                    var task = childTasks[random.Next(childTasks.Count)];
                    var answers = task.Fields.Contains("\"flag\"", StringComparison.Ordinal)
                        ? new Dictionary<string, object?> { ["flag"] = random.Next(2) == 0 }
                        : null;
                    await h.Engine.CompleteTaskAsync(task.Id, answers);
                }
                else if (await h.Engine.NextTimerDueAsync() is { } due) await h.AdvanceToAsync(due);
                else if (childTasks.Count > 0) await h.Engine.CompleteTaskAsync(childTasks[0].Id);
                else Assert.Fail($"seed {seed}: the instance waits with no task and no timer\n{xml}");
            }

            Assert.True((await h.InstanceAsync(id)).Status == InstanceStatus.Completed, $"seed {seed} did not complete within 200 steps\n{xml}");
            await using var check = await h.Db();
            Assert.Empty(await check.Incidents.AsNoTracking().Where(i => i.InstanceId == id).Select(i => i.Message).ToListAsync());
        }
        Assert.True(withInclusiveJoins >= 6, $"only {withInclusiveJoins} of 80 random processes had inclusive gateways");
        Assert.True(withLoops >= 6, $"only {withLoops} of 80 random processes had multi-instance activities");
        Assert.True(withEscalations >= 6, $"only {withEscalations} of 80 random processes had escalations");
        Assert.True(withEventSubProcesses >= 6, $"only {withEventSubProcesses} of 80 random processes had event sub-processes");
    }
}
