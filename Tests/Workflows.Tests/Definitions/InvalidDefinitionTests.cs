using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Validation;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Definitions;

/// <summary>Every file here must be refused with a message naming the element, never with an unhandled exception.</summary>
public sealed class InvalidDefinitionTests
{
    private const string Ok = """<bpmn:startEvent id="start" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" />""";

    public static TheoryData<string, string, string, string> Corpus => new()
    {
        { "not xml", "<bpmn:definitions", "document", "not well-formed XML" },
        { "wrong root", "<process xmlns=\"urn:x\" />", "process", "root element must be bpmn:definitions" },
        { "no process", Process("p", Ok).Replace("bpmn:process", "bpmn:collaboration"), "definitions", "the file has no process" },
        { "complex gateway", Process("p", Ok + """<bpmn:complexGateway id="cplx" />"""), "complexGateway", "cplx" },
        { "script task with a script", Process("p", Ok + """<bpmn:scriptTask id="script" scriptFormat="groovy"><bpmn:script>println 'hi'</bpmn:script></bpmn:scriptTask>"""), "scriptTask", "script" },
        { "signal event", Process("p", Ok + """<bpmn:intermediateCatchEvent id="sig"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="x" sourceRef="start" targetRef="sig" />"""), "signalEventDefinition", "sig" },
        { "multi-instance", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="each"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "each") + Flow("b", "each", "end")), "multiInstanceLoopCharacteristics", "each" },
        { "event sub-process without a trigger", Process("p", Ok + """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="s2" /><bpmn:endEvent id="e2" /><bpmn:sequenceFlow id="g" sourceRef="s2" targetRef="e2" /></bpmn:subProcess>"""), "startEvent", "s2" },
        { "dangling flow", Process("p", Ok + Flow("bad", "start", "nowhere")), "sequenceFlow", "bad" },
        { "unreachable task", Process("p", Ok + """<bpmn:userTask id="orphan" />"""), "userTask", "orphan" },
        { "an event definition declared elsewhere", Process("p", """<bpmn:startEvent id="start" /><bpmn:endEvent id="refused"><bpmn:eventDefinitionRef>refusal</bpmn:eventDefinitionRef></bpmn:endEvent>""" + Flow("a", "start", "refused")),
            "endEvent", "'refused': an eventDefinitionRef (a definition declared elsewhere in the file) is not read" },
        { "a performer the engine would drop", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="prescribe"><bpmn:potentialOwner><bpmn:resourceAssignmentExpression><bpmn:formalExpression>doctors</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner></bpmn:userTask><bpmn:endEvent id="end" />"""
            + Flow("a", "start", "prescribe") + Flow("b", "prescribe", "end")), "userTask", "'prescribe': potentialOwner is not read: who may do a task is said with orc:role" },
        { "a loop connected to nothing", Process("p", Ok + """<bpmn:userTask id="callFamily" /><bpmn:userTask id="reviewCall" />""" + Flow("l1", "callFamily", "reviewCall") + Flow("l2", "reviewCall", "callFamily")),
            "userTask", "'callFamily': it cannot be reached from a start event" },
        { "a task looping on itself", Process("p", Ok + """<bpmn:userTask id="recheck" />""" + Flow("self", "recheck", "recheck")), "userTask", "'recheck': it cannot be reached from a start event" },
        { "a link catch no throw names", Process("p", Ok + """<bpmn:intermediateCatchEvent id="toFollowUp"><bpmn:linkEventDefinition name="Suivi" /></bpmn:intermediateCatchEvent><bpmn:userTask id="followUp" /><bpmn:endEvent id="e2" />"""
            + Flow("g1", "toFollowUp", "followUp") + Flow("g2", "followUp", "e2")), "intermediateCatchEvent", "'toFollowUp': no link throw event names link 'Suivi'" },
        { "two error boundaries catching everything", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="task" />"""
            + """<bpmn:boundaryEvent id="notify" attachedToRef="task"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>"""
            + """<bpmn:boundaryEvent id="reorient" attachedToRef="task"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>"""
            + """<bpmn:endEvent id="end" /><bpmn:endEvent id="e2" /><bpmn:endEvent id="e3" />""" + Flow("a", "start", "task") + Flow("b", "task", "end") + Flow("c", "notify", "e2") + Flow("d", "reorient", "e3")),
            "boundaryEvent", "'reorient': catches every error, as boundaryEvent 'notify' does" },
        { "two escalation event sub-processes of one scope catching everything", Process("p", Ok
            + """<bpmn:subProcess id="esp1" triggeredByEvent="true"><bpmn:startEvent id="s1" isInterrupting="false"><bpmn:escalationEventDefinition /></bpmn:startEvent><bpmn:endEvent id="x1" />""" + Flow("h1", "s1", "x1") + "</bpmn:subProcess>"
            + """<bpmn:subProcess id="esp2" triggeredByEvent="true"><bpmn:startEvent id="s2" isInterrupting="false"><bpmn:escalationEventDefinition /></bpmn:startEvent><bpmn:endEvent id="x2" />""" + Flow("h2", "s2", "x2") + "</bpmn:subProcess>"),
            "startEvent", "'s2': catches every escalation, as startEvent 's1' does" },
        { "no start", Process("p", """<bpmn:endEvent id="end" />"""), "process", "no start event" },
        { "an instantiating receive task", Process("p", """<bpmn:startEvent id="start" /><bpmn:receiveTask id="referral" messageRef="Ref" instantiate="true" /><bpmn:endEvent id="end" />"""
            + Flow("a", "start", "referral") + Flow("b", "referral", "end"), Message("Ref", "referral")), "receiveTask", "'referral': a receive task that instantiates the process (instantiate=\"true\") is not supported" },
        { "an empty condition", Process("p", """<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "gw")
            + """<bpmn:sequenceFlow id="fb" sourceRef="gw" targetRef="end"><bpmn:conditionExpression>  </bpmn:conditionExpression></bpmn:sequenceFlow>""" + Flow("c", "gw", "end2", "${true}")),
            "sequenceFlow", "'fb': its conditionExpression is empty (or only a comment): remove it for a flow taken without condition, or write ${…}" },
        { "bad duration", Process("p", """<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait">""" + Timer("timeDuration", "60 days") + """</bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />""" + Flow("a", "start", "wait") + Flow("b", "wait", "end")), "intermediateCatchEvent", "wait" },
        { "cron cycle", Process("p", """<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="cron">""" + Timer("timeCycle", "0 0 * * * ?") + """</bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />""" + Flow("a", "start", "cron") + Flow("b", "cron", "end")), "intermediateCatchEvent", "cron is not supported" },
        { "bad expression", Process("p", """<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "gw") + Flow("b", "gw", "end", "${x >}") + Flow("c", "gw", "end2", "${true}")), "sequenceFlow", "'b': condition: syntax error" },
        { "condition the engine does not evaluate", Gateway("score > 1"), "sequenceFlow", "'b': condition: 'score > 1' is not evaluated by the engine" },
        { "condition in another dialect", Gateway("= a > 1"), "sequenceFlow", "'b': condition: '= a > 1' is not evaluated" },
        { "condition with text around the expression", Gateway("yes ${a}"), "sequenceFlow", "is not evaluated" },
        { "condition out of a parallel gateway", Process("p", """<bpmn:startEvent id="start" /><bpmn:parallelGateway id="gw" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "gw") + Flow("b", "gw", "end", "${x}") + Flow("c", "gw", "end2")), "sequenceFlow", "'b': it has a condition, but it leaves parallelGateway 'gw'" },
        { "condition out of an event", Process("p", """<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "end", "${x}")), "sequenceFlow", "'a': it has a condition, but it leaves startEvent" },
        { "default flow with a condition", Process("p", """<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" default="b" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "gw") + Flow("b", "gw", "end", "${x}") + Flow("c", "gw", "end2", "${!x}")), "sequenceFlow", "'b': it is the default flow" },
        { "duration whose hours overflow", Wait("timeDuration", "PT99999999999H"), "intermediateCatchEvent", "'wait': timer duration: 'PT99999999999H' is too long" },
        { "duration beyond any calendar", Wait("timeDuration", "P9999Y"), "intermediateCatchEvent", "'P9999Y' is too long: the due date cannot be represented" },
        { "date beyond any calendar", Wait("timeDate", "99999-01-01T00:00:00Z"), "intermediateCatchEvent", "is not an ISO 8601 date-time" },
        { "offset with seconds, which a date cannot keep", Wait("timeDate", "2026-04-01T09:00:00+00:09:21"), "intermediateCatchEvent", "'2026-04-01T09:00:00+00:09:21' is not an ISO 8601 date-time" },
        { "local date before the calendar's first instant", Wait("timeDate", "0001-01-01T00:00:00"), "intermediateCatchEvent", "'0001-01-01T00:00:00' is not an ISO 8601 date-time" },
        { "local day before the calendar's first instant", Wait("timeDate", "0001-01-01"), "intermediateCatchEvent", "'0001-01-01' is not an ISO 8601 date-time" },
        { "cycle repetitions beyond a number", Wait("timeCycle", "R99999999999/P1D"), "intermediateCatchEvent", "positive number of repetitions" },
        { "cycle on a start event faster than the floor", Process("p", """<bpmn:startEvent id="tick">""" + Timer("timeCycle", "R/PT0.01S") + """</bpmn:startEvent><bpmn:endEvent id="end" />""" + Flow("a", "tick", "end")), "startEvent", "shorter than the minimum of 00:01:00 (Workflows:MinimumCycleInterval) for a timer start event" },
        { "bounded cycle on a start event faster than the floor", Process("p", """<bpmn:startEvent id="tick">""" + Timer("timeCycle", "R3/PT10S") + """</bpmn:startEvent><bpmn:endEvent id="end" />""" + Flow("a", "tick", "end")), "startEvent", "shorter than the minimum" },
        { "start event cycle from a parameter faster than the floor", Process("p", """<bpmn:extensionElements><orc:parameter name="tick" default="PT1S" /></bpmn:extensionElements><bpmn:startEvent id="tick">""" + Timer("timeCycle", "R/${tick}") + """</bpmn:startEvent><bpmn:endEvent id="end" />""" + Flow("a", "tick", "end")), "startEvent", "'R/${tick}' gives 'R/PT1S' with the parameters' default values: the interval PT1S is shorter than the minimum" },
        { "start event timer reading a variable no instance has yet", Process("p", """<bpmn:startEvent id="tick">""" + Timer("timeCycle", "${period}") + """</bpmn:startEvent><bpmn:endEvent id="end" />""" + Flow("a", "tick", "end")), "startEvent", "'${period}' cannot be computed before an instance exists (ReferenceError: period is not defined)" },
        { "date with an offset beyond fourteen hours", Wait("timeDate", "2026-12-25T09:00:00+15:00"), "intermediateCatchEvent", "'2026-12-25T09:00:00+15:00' is not an ISO 8601 date-time" },
        { "cycle start with an offset beyond fourteen hours", Wait("timeCycle", "R2/2026-12-25T09:00:00+14:30/P1D"), "intermediateCatchEvent", "is not an ISO 8601 date-time" },
        { "start event date in the past", Process("p", """<bpmn:startEvent id="tick">""" + Timer("timeDate", "2020-01-01T10:00:00") + """</bpmn:startEvent><bpmn:endEvent id="end" />""" + Flow("a", "tick", "end")), "startEvent", "'2020-01-01T10:00:00' lies in the past" },
        { "start event cycle wholly in the past", Process("p", """<bpmn:startEvent id="tick">""" + Timer("timeCycle", "R3/2020-01-01T00:00:00Z/P1D") + """</bpmn:startEvent><bpmn:endEvent id="end" />""" + Flow("a", "tick", "end")), "startEvent", "every occurrence lies in the past" },
        { "bounded cycle faster than the floor repeating too often", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="work" /><bpmn:boundaryEvent id="nag" attachedToRef="work" cancelActivity="false">""" + Timer("timeCycle", "R2147483647/PT0.001S") + """</bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "work") + Flow("b", "work", "end") + Flow("c", "nag", "end2")), "boundaryEvent", "for a cycle of 2147483647 repetitions (more than 60 is a stream of steps" },
        { "unbounded cycle faster than the floor", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="work" /><bpmn:boundaryEvent id="nag" attachedToRef="work" cancelActivity="false">""" + Timer("timeCycle", "R/PT1S") + """</bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "work") + Flow("b", "work", "end") + Flow("c", "nag", "end2")), "boundaryEvent", "for an unbounded cycle" },
        { "condition written in the conditional event's element", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="assess" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
            + Flow("a", "start", "assess") + "<bpmn:sequenceFlow id=\"toHousing\" sourceRef=\"assess\" targetRef=\"end\"><bpmn:condition>${needsHousing}</bpmn:condition></bpmn:sequenceFlow>"
            + Flow("c", "assess", "end2", "${needsCare}")), "sequenceFlow", "'condition' is not read there, and the flow would be taken as if it had none" },
        { "condition that lost its namespace", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="assess" /><bpmn:endEvent id="end" />"""
            + Flow("a", "start", "assess") + "<bpmn:sequenceFlow id=\"toHousing\" sourceRef=\"assess\" targetRef=\"end\"><conditionExpression xmlns=\"\">${needsHousing}</conditionExpression></bpmn:sequenceFlow>"),
            "sequenceFlow", "element 'conditionExpression' inside sequenceFlow is not a BPMN element and is not read" },
        { "misspelt loop element", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="vote"><bpmn:multiInstanceLoopCharacteristic><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristic></bpmn:userTask><bpmn:endEvent id="end" />"""
            + Flow("a", "start", "vote") + Flow("b", "vote", "end")), "userTask", "'multiInstanceLoopCharacteristic' inside userTask is not an element of BPMN 2.0 (misspelt?)" },
        { "default written with the BPMN prefix", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="o" bpmn:default="fDef" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
            + Flow("a", "start", "o") + Flow("fA", "o", "end", "${needsA}") + Flow("fDef", "o", "end2")), "userTask", "attribute 'bpmn:default' on userTask: BPMN's own attributes are written without a prefix (default=\"…\")" },
        { "non-interrupting flag written with the BPMN prefix", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="care" /><bpmn:boundaryEvent id="remind" attachedToRef="care" bpmn:cancelActivity="false">"""
            + Timer("timeDuration", "PT1H") + """</bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "care") + Flow("b", "care", "end") + Flow("c", "remind", "end2")),
            "boundaryEvent", "attribute 'bpmn:cancelActivity' on boundaryEvent" },
        { "default flow beside an unconditioned flow out of an inclusive gateway", Process("p", """<bpmn:startEvent id="start" /><bpmn:inclusiveGateway id="o" default="fDef" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
            + Flow("a", "start", "o") + Flow("fA", "o", "end") + Flow("fDef", "o", "end2")), "inclusiveGateway", "its default flow 'fDef' is never taken: flow 'fA' has no condition" },
        { "default flow beside an unconditioned flow out of an activity", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="o" default="fDef" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" /><bpmn:endEvent id="end3" />"""
            + Flow("a", "start", "o") + Flow("fA", "o", "end") + Flow("fB", "o", "end3", "${b}") + Flow("fDef", "o", "end2")), "userTask", "its default flow 'fDef' is never taken: flow 'fA' has no condition" },
        { "intermediate catch event with nothing after it", Process("p", """<bpmn:startEvent id="start" /><bpmn:parallelGateway id="both" /><bpmn:intermediateCatchEvent id="wait2d">""" + Timer("timeDuration", "P2D")
            + """</bpmn:intermediateCatchEvent><bpmn:userTask id="work" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "both") + Flow("f1", "both", "wait2d") + Flow("f2", "both", "work") + Flow("f3", "work", "end")),
            "intermediateCatchEvent", "an intermediate event needs an outgoing sequence flow" },
        { "intermediate throw event with nothing after it", Process("p", """<bpmn:startEvent id="start" /><bpmn:intermediateThrowEvent id="noted" />""" + Flow("a", "start", "noted")),
            "intermediateThrowEvent", "an intermediate event needs an outgoing sequence flow" },
        { "event-based gateway of a type spelt otherwise", EventGateway("""<bpmn:intermediateCatchEvent id="call">""" + Timer("timeDuration", "P1D") + "</bpmn:intermediateCatchEvent>")
            .Replace("<bpmn:eventBasedGateway id=\"race\" />", "<bpmn:eventBasedGateway id=\"race\" eventGatewayType=\"parallel\" />"), "eventBasedGateway", "eventGatewayType 'parallel' is neither 'Exclusive' nor 'Parallel'" },
        { "event-based gateway of a type with spaces", EventGateway("""<bpmn:intermediateCatchEvent id="call">""" + Timer("timeDuration", "P1D") + "</bpmn:intermediateCatchEvent>")
            .Replace("<bpmn:eventBasedGateway id=\"race\" />", "<bpmn:eventBasedGateway id=\"race\" eventGatewayType=\" Parallel \" />"), "eventBasedGateway", "eventGatewayType ' Parallel ' is neither" },
        { "event-based gateway to a user task", EventGateway("""<bpmn:userTask id="call" />"""), "eventBasedGateway", "outgoing flow 'toCall' (line" },
        { "event-based gateway to a throw event", EventGateway("""<bpmn:intermediateThrowEvent id="call" />"""), "eventBasedGateway", "leads to intermediateThrowEvent 'call'" },
        { "event-based gateway to a receive task and a message catch", Process("p", """<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="race" /><bpmn:receiveTask id="call" messageRef="A" /><bpmn:intermediateCatchEvent id="late"><bpmn:messageEventDefinition messageRef="B" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
            + Flow("a", "start", "race") + Flow("b", "race", "call") + Flow("c", "race", "late") + Flow("d", "call", "end") + Flow("e", "late", "end2"), Message("A", "answer") + Message("B", "refusal")), "eventBasedGateway", "either to receive tasks or to message catch events, not to both" },
        { "event-based gateway to two catches of one message", Process("p", """<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="race" /><bpmn:intermediateCatchEvent id="call"><bpmn:messageEventDefinition messageRef="A" /></bpmn:intermediateCatchEvent><bpmn:intermediateCatchEvent id="late"><bpmn:messageEventDefinition messageRef="A" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
            + Flow("a", "start", "race") + Flow("b", "race", "call") + Flow("c", "race", "late") + Flow("d", "call", "end") + Flow("e", "late", "end2"), Message("A", "answer")), "intermediateCatchEvent", "waits for message 'answer', as intermediateCatchEvent 'call' does at the same time" },
        { "two boundary events of one message on a task", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="work" /><bpmn:boundaryEvent id="first" attachedToRef="work" cancelActivity="false"><bpmn:messageEventDefinition messageRef="A" /></bpmn:boundaryEvent><bpmn:boundaryEvent id="second" attachedToRef="work"><bpmn:messageEventDefinition messageRef="A" /></bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" /><bpmn:endEvent id="end3" />"""
            + Flow("a", "start", "work") + Flow("b", "work", "end") + Flow("c", "first", "end2") + Flow("d", "second", "end3"), Message("A", "update")), "boundaryEvent", "'second': waits for message 'update', as boundaryEvent 'first'" },
        { "receive task with a boundary event of its own message", Process("p", """<bpmn:startEvent id="start" /><bpmn:receiveTask id="wait" messageRef="A" /><bpmn:boundaryEvent id="also" attachedToRef="wait" cancelActivity="false"><bpmn:messageEventDefinition messageRef="A" /></bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
            + Flow("a", "start", "wait") + Flow("b", "wait", "end") + Flow("c", "also", "end2"), Message("A", "update")), "boundaryEvent", "as receiveTask 'wait' does" },
        { "a sub-process's boundary event and a receive task inside it for one message", Process("p", """<bpmn:startEvent id="start" /><bpmn:subProcess id="care"><bpmn:startEvent id="cs" /><bpmn:receiveTask id="awaitResult" messageRef="A" /><bpmn:endEvent id="ce" />"""
            + Flow("g1", "cs", "awaitResult") + Flow("g2", "awaitResult", "ce") + """</bpmn:subProcess><bpmn:boundaryEvent id="resultArrived" attachedToRef="care" cancelActivity="false"><bpmn:messageEventDefinition messageRef="A" /></bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
            + Flow("a", "start", "care") + Flow("b", "care", "end") + Flow("c", "resultArrived", "end2"), Message("A", "lab-result")), "receiveTask", "'awaitResult': waits for message 'lab-result', as boundaryEvent 'resultArrived' does at the same time" },
        { "two event sub-processes of one message", Process("p", Ok + """<bpmn:subProcess id="one" triggeredByEvent="true"><bpmn:startEvent id="s1" isInterrupting="false"><bpmn:messageEventDefinition messageRef="A" /></bpmn:startEvent><bpmn:endEvent id="e1" />""" + Flow("g1", "s1", "e1") + """</bpmn:subProcess><bpmn:subProcess id="two" triggeredByEvent="true"><bpmn:startEvent id="s2" isInterrupting="false"><bpmn:messageEventDefinition messageRef="A" /></bpmn:startEvent><bpmn:endEvent id="e2" />""" + Flow("g2", "s2", "e2") + "</bpmn:subProcess>", Message("A", "update")), "startEvent", "'s2': waits for message 'update', as startEvent 's1'" },
        { "a non-interrupting event sub-process and a receive task of one message", Process("p", """<bpmn:startEvent id="start" /><bpmn:receiveTask id="wait" messageRef="A" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "wait") + Flow("b", "wait", "end")
            + """<bpmn:subProcess id="one" triggeredByEvent="true"><bpmn:startEvent id="s1" isInterrupting="false"><bpmn:messageEventDefinition messageRef="A" /></bpmn:startEvent><bpmn:endEvent id="e1" />""" + Flow("g1", "s1", "e1") + "</bpmn:subProcess>", Message("A", "reply")),
            "receiveTask", "'wait': waits for message 'reply', as startEvent 's1' does at the same time" },
        { "an event sub-process and a message catch in a sub-process of its scope", Process("p", """<bpmn:startEvent id="start" /><bpmn:subProcess id="stay"><bpmn:startEvent id="ss" /><bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="A" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="se" />"""
            + Flow("g1", "ss", "wait") + Flow("g2", "wait", "se") + """</bpmn:subProcess><bpmn:endEvent id="end" />""" + Flow("a", "start", "stay") + Flow("b", "stay", "end")
            + """<bpmn:subProcess id="one" triggeredByEvent="true"><bpmn:startEvent id="s1"><bpmn:messageEventDefinition messageRef="A" /></bpmn:startEvent><bpmn:endEvent id="e1" />""" + Flow("h1", "s1", "e1") + "</bpmn:subProcess>", Message("A", "reply")),
            "intermediateCatchEvent", "'wait': waits for message 'reply', as startEvent 's1' does at the same time" },
        { "nested event sub-processes of one message", Process("p", Ok + """<bpmn:subProcess id="outer" triggeredByEvent="true"><bpmn:startEvent id="s1" isInterrupting="false"><bpmn:messageEventDefinition messageRef="A" /></bpmn:startEvent><bpmn:userTask id="handle" /><bpmn:endEvent id="e1" />""" + Flow("g1", "s1", "handle") + Flow("g2", "handle", "e1")
            + """<bpmn:subProcess id="inner" triggeredByEvent="true"><bpmn:startEvent id="s2" isInterrupting="false"><bpmn:messageEventDefinition messageRef="A" /></bpmn:startEvent><bpmn:endEvent id="e2" />""" + Flow("h1", "s2", "e2") + "</bpmn:subProcess></bpmn:subProcess>", Message("A", "update")),
            "startEvent", "'s2': waits for message 'update', as startEvent 's1' does at the same time" },
        { "a message name holding an expression", Process("p", """<bpmn:startEvent id="start" /><bpmn:receiveTask id="wait" messageRef="A" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "wait") + Flow("b", "wait", "end"), Message("A", "alert-${personId}")),
            "receiveTask", "the message name 'alert-${personId}' holds ${…}, which is not evaluated in a name" },
        { "a signal name holding an expression", Process("p", """<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="S" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />""" + Flow("a", "start", "wait") + Flow("b", "wait", "end"), """<bpmn:signal id="S" name="alert-${personId}" />"""),
            "signalEventDefinition", "'wait': the signal name 'alert-${personId}' holds ${…}" },
        { "Camunda's output mapping on a call activity", Process("p", """<bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="housing"><bpmn:extensionElements><camunda:out source="decision" target="housingDecision" /></bpmn:extensionElements></bpmn:callActivity><bpmn:endEvent id="end" />""" + Flow("a", "start", "call") + Flow("b", "call", "end")),
            "callActivity", "camunda:out is not read, so the variables it maps would silently not be mapped: write the engine's <orc:in" },
        { "Camunda's input/output mapping on a task", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="ask"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="x">1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "ask") + Flow("b", "ask", "end")),
            "userTask", "camunda:inputOutput is not read" },
        { "a document type whose entity supplies a flow", "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY flow '<bpmn:sequenceFlow id=\"f9\" sourceRef=\"start\" targetRef=\"end\"/>'>]>\n"
            + Process("p", """<bpmn:startEvent id="start" />&flow;<bpmn:endEvent id="end" />""").Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", ""), "document", "line 2: document: the file is not well-formed XML: a DTD (<!DOCTYPE …>) is refused" },
        { "two messages with one id", Process("p", Ok, Message("A", "first") + Message("A", "second")), "message", "the id is used by another element (message at line" },
        { "flow element with its process's id", Process("p", """<bpmn:startEvent id="p" /><bpmn:endEvent id="end" />""" + Flow("f", "p", "end")), "startEvent", "the id is used by another element (process at line" },
        { "message with a task's id", Process("p", """<bpmn:startEvent id="start" /><bpmn:receiveTask id="A" messageRef="A" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "A") + Flow("b", "A", "end"), Message("A", "answer")), "receiveTask", "(message at line" },
        { "correlation key on the event definition instead of its event", Process("p", """<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="A" orc:correlationKey="${caseId}" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />""" + Flow("a", "start", "wait") + Flow("b", "wait", "end"), Message("A", "answer")), "messageEventDefinition", "orc:correlationKey is not read on a messageEventDefinition" },
        { "payload on a sequence flow", Process("p", """<bpmn:startEvent id="start" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" orc:payload="a" />"""), "sequenceFlow", "orc:payload is not read on a sequenceFlow" },
        { "task attributes on a sub-process", Process("p", """<bpmn:startEvent id="start" /><bpmn:subProcess id="stage" orc:role="doctor"><bpmn:startEvent id="s" /><bpmn:endEvent id="e" />""" + Flow("s0", "s", "e") + """</bpmn:subProcess><bpmn:endEvent id="end" />""" + Flow("a", "start", "stage") + Flow("b", "stage", "end")), "subProcess", "orc:role is not read on a subProcess" },
        { "multi-instance receive task after an event-based gateway", EventGateway("""<bpmn:receiveTask id="call" messageRef="A"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:receiveTask>""").Replace("<bpmn:process", Message("A", "answer") + "<bpmn:process"), "eventBasedGateway", "is a multi-instance activity: after an event-based gateway" },
        { "correlation key on the message itself", Process("p", """<bpmn:startEvent id="start" /><bpmn:receiveTask id="wait" messageRef="A" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "wait") + Flow("b", "wait", "end"), """<bpmn:message id="A" name="answer" orc:correlationKey="${caseId}" />"""), "message", "orc:correlationKey is not read on a message" },
        { "form field on a service task", Process("p", """<bpmn:startEvent id="start" /><bpmn:serviceTask id="svc" orc:activity="Record"><bpmn:extensionElements><orc:field name="x" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "svc") + Flow("b", "svc", "end")), "field", "<orc:field> is not read on a serviceTask, only on a userTask" },
        { "activity input on a user task", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="ask"><bpmn:extensionElements><orc:input name="x" value="1" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "ask") + Flow("b", "ask", "end")), "input", "<orc:input> is not read on a userTask, only on a serviceTask" },
        { "one field declared twice", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="ask"><bpmn:extensionElements><orc:field name="x" /><orc:field name="x" type="boolean" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "ask") + Flow("b", "ask", "end")), "field", "orc:field 'x' is declared twice" },
        { "one input declared twice", Process("p", """<bpmn:startEvent id="start" /><bpmn:serviceTask id="svc" orc:activity="Record"><bpmn:extensionElements><orc:input name="kind" value="a" /><orc:input name="kind" value="b" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "svc") + Flow("b", "svc", "end")), "input", "orc:input 'kind' is declared twice" },
        { "event after an event-based gateway reached another way", EventGateway("""<bpmn:intermediateCatchEvent id="call">""" + Timer("timeDuration", "P1D") + "</bpmn:intermediateCatchEvent>" + Flow("other", "start", "call")), "eventBasedGateway", "has other incoming flows" },
        { "instantiating event-based gateway", Process("p", """<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="gw" instantiate="true" /><bpmn:intermediateCatchEvent id="t1">""" + Timer("timeDuration", "P1D") + """</bpmn:intermediateCatchEvent><bpmn:intermediateCatchEvent id="t2">""" + Timer("timeDuration", "P2D") + """</bpmn:intermediateCatchEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "gw") + Flow("b", "gw", "t1") + Flow("c", "gw", "t2") + Flow("d", "t1", "end") + Flow("e", "t2", "end2")), "eventBasedGateway", "instantiate" },
        { "gateway without a way out", Process("p", """<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="dead" />""" + Flow("a", "start", "dead")), "exclusiveGateway", "'dead': a gateway needs at least one outgoing sequence flow" },
        { "compensation activity", Process("p", Ok + """<bpmn:userTask id="undo" isForCompensation="true" />"""), "userTask", "compensation activities are not supported" },
        { "start quantity", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="twice" startQuantity="2" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "twice") + Flow("b", "twice", "end")), "userTask", "startQuantity=\"2\"" },
        { "several executable pools", TwoPools("true", "true"), "definitions", "2 executable processes ('care' (pool 'Équipe') at line" },
        { "non-executable process", TwoPools("false", "false"), "definitions", "'care' (pool 'Équipe') at line 3, 'partner' (pool 'Hôpital') at line 4 are marked isExecutable=\"false\"" },
        { "default flow on a parallel gateway", Process("p", """<bpmn:startEvent id="start" /><bpmn:parallelGateway id="gw" default="b" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "gw") + Flow("b", "gw", "end") + Flow("c", "gw", "end2")), "parallelGateway", "default flow" },
        { "gateway flow without condition", Process("p", """<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "gw") + Flow("b", "gw", "end") + Flow("c", "gw", "end2", "${true}")), "exclusiveGateway", "'b' has no condition" },
        { "unknown message", Process("p", """<bpmn:startEvent id="start" /><bpmn:receiveTask id="rcv" messageRef="Nope" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "rcv") + Flow("b", "rcv", "end")), "receiveTask", "names no bpmn:message" },
        { "boundary on gateway", Process("p", """<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" /><bpmn:boundaryEvent id="bnd" attachedToRef="gw">""" + Timer("timeDuration", "P1D") + """</bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "gw") + Flow("b", "gw", "end") + Flow("c", "bnd", "end2")), "boundaryEvent", "which is not an activity" },
        { "service task without activity", Process("p", """<bpmn:startEvent id="start" /><bpmn:serviceTask id="svc" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "svc") + Flow("b", "svc", "end")), "serviceTask", "orc:activity" },
        { "unknown activity", Process("p", """<bpmn:startEvent id="start" /><bpmn:serviceTask id="svc" orc:activity="SendFax" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "svc") + Flow("b", "svc", "end")), "serviceTask", "SendFax" },
        { "call without target", Process("p", """<bpmn:startEvent id="start" /><bpmn:callActivity id="call" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "call") + Flow("b", "call", "end")), "callActivity", "calledElement" },
        { "misspelt correlation key", Process("p", """<bpmn:message id="M" name="m" /><bpmn:startEvent id="start" /><bpmn:receiveTask id="rcv" messageRef="M" orc:corelationKey="${caseId}" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "rcv") + Flow("b", "rcv", "end")), "receiveTask", "orc:corelationKey is not an attribute the engine reads here" },
        { "misspelt form field", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="ask"><bpmn:extensionElements><orc:feild name="x" type="text" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "ask") + Flow("b", "ask", "end")), "feild", "<orc:feild> is not an extension element the engine reads here" },
        { "loop output on the activity instead of its loop", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="each" orc:outputCollection="results"><bpmn:multiInstanceLoopCharacteristics orc:collection="${items}" /></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "each") + Flow("b", "each", "end")), "userTask", "orc:outputCollection belongs on the element's multiInstanceLoopCharacteristics" },
        { "duplicate id", Process("p", Ok + """<bpmn:userTask id="start" />"""), "userTask", "used by another element" },
        { "element without an id, named by its drawn name", Process("p", Ok + """<bpmn:userTask name="Visite à domicile" />"""), "userTask", "the element \"Visite à domicile\" needs an id" },
        { "element without an id or a name", Process("p", Ok + """<bpmn:exclusiveGateway />"""), "exclusiveGateway", "the element needs an id" },
        { "timer without value", Process("p", """<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />""" + Flow("a", "start", "t") + Flow("b", "t", "end")), "timerEventDefinition", "exactly one of" },
        { "date bound on a text field", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="ask"><bpmn:extensionElements><orc:field name="note" type="text" max="now" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "ask") + Flow("b", "ask", "end")), "field", "field 'note' has max, which only a date field has" },
        { "date bound that is neither now nor a variable", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="ask"><bpmn:extensionElements><orc:field name="when" type="date" min="tomorrow" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "ask") + Flow("b", "ask", "end")), "field", "date field 'when' has min=\"tomorrow\"; use now or ${variable}" },
        { "period length on a date without a lower bound", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="ask"><bpmn:extensionElements><orc:field name="until" type="date" within="P2M" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "ask") + Flow("b", "ask", "end")), "field", "field 'until' has within, which only a date field with a min has" },
        { "period length that is not a duration", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="ask"><bpmn:extensionElements><orc:field name="until" type="date" min="now" suggested="deux mois" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "ask") + Flow("b", "ask", "end")), "field", "date field 'until' has suggested=\"deux mois\"; use an ISO 8601 duration (P2M) or ${variable}" },
        { "number parameter beyond any number", Process("p", """<bpmn:extensionElements><orc:parameter name="maxScore" type="number" default="1e999" /></bpmn:extensionElements>""" + Ok), "parameter", "parameter 'maxScore': its default '1e999' is not a finite number" },
        { "number parameter that is not a number", Process("p", """<bpmn:extensionElements><orc:parameter name="maxScore" type="number" default="NaN" /></bpmn:extensionElements>""" + Ok), "parameter", "its default 'NaN' is not a finite number" },
        { "bad parameter default", Process("p", """<bpmn:extensionElements><orc:parameter name="stayPeriod" default="two months" /></bpmn:extensionElements>""" + Ok), "parameter", "stayPeriod" },
        { "parameter bound without source", Process("p", """<bpmn:extensionElements><orc:parameter name="stayPeriod" default="P2M" max="P2M" /></bpmn:extensionElements>""" + Ok), "parameter", "source of its rule" },
        { "parameter default above max", Process("p", """<bpmn:extensionElements><orc:parameter name="stayPeriod" default="P61D" max="P2M" source="CASF D312-176-2" /></bpmn:extensionElements>""" + Ok), "parameter", "default P61D is above max P2M" },
        { "parameter default below min", Process("p", """<bpmn:extensionElements><orc:parameter name="delay" default="PT1H" min="P1D" source="règle" /></bpmn:extensionElements>""" + Ok), "parameter", "default PT1H is below min P1D" },
        { "parameter bound not a duration", Process("p", """<bpmn:extensionElements><orc:parameter name="delay" default="P1D" max="deux mois" source="règle" /></bpmn:extensionElements>""" + Ok), "parameter", "max:" },
        { "parameter min above max", Process("p", """<bpmn:extensionElements><orc:parameter name="delay" default="P1D" min="P1M" max="P1D" source="règle" /></bpmn:extensionElements>""" + Ok), "parameter", "min P1M is above max P1D" },
        { "bound on a text parameter", Process("p", """<bpmn:extensionElements><orc:parameter name="note" type="text" default="x" max="P1D" source="règle" /></bpmn:extensionElements>""" + Ok), "parameter", "duration parameters only" },
        { "a boolean attribute that is not one", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="care" /><bpmn:boundaryEvent id="late" attachedToRef="care" cancelActivity="no">""" + Timer("timeDuration", "P1D") + """</bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "care") + Flow("b", "care", "end") + Flow("c", "late", "end2")), "boundaryEvent", "cancelActivity=\"no\" is not a boolean" },
        { "isInterrupting on a boundary event", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="care" /><bpmn:boundaryEvent id="late" attachedToRef="care" isInterrupting="false">""" + Timer("timeDuration", "P1D") + """</bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "care") + Flow("b", "care", "end") + Flow("c", "late", "end2")), "boundaryEvent", "isInterrupting is not read on this event" },
        { "cancelActivity on an event sub-process start", Process("p", Ok + """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="s2" cancelActivity="false">""" + Timer("timeDuration", "P1D") + """</bpmn:startEvent><bpmn:endEvent id="e2" /><bpmn:sequenceFlow id="g" sourceRef="s2" targetRef="e2" /></bpmn:subProcess>"""), "startEvent", "cancelActivity is not read on this event" },
        { "isExecutable that is not a boolean", Process("p", Ok).Replace("isExecutable=\"true\"", "isExecutable=\"yes\""), "process", "isExecutable=\"yes\" is not a boolean" },
        { "an empty condition", Gateway(""), "sequenceFlow", "'b': its conditionExpression is empty" },
        { "a commented-out condition", Gateway("<!-- ${score > 1} -->"), "sequenceFlow", "'b': its conditionExpression is empty" },
        { "two conditions on one flow", Process("p", """<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" default="c" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
            + Flow("a", "start", "gw") + """<bpmn:sequenceFlow id="b" sourceRef="gw" targetRef="end"><bpmn:conditionExpression>${true}</bpmn:conditionExpression><bpmn:conditionExpression>${false}</bpmn:conditionExpression></bpmn:sequenceFlow>""" + Flow("c", "gw", "end2")),
            "sequenceFlow", "conditionExpression is written more than once" },
        { "two durations on one timer", Wait("timeDuration", "PT1H").Replace("</bpmn:timerEventDefinition>", "<bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition>"),
            "timerEventDefinition", "exactly one of timeDuration" },
        { "a correlation key on a signal catch", Process("p", """<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="sig" orc:correlationKey="${k}"><bpmn:signalEventDefinition signalRef="S" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />"""
            + Flow("a", "start", "sig") + Flow("b", "sig", "end"), """<bpmn:signal id="S" name="alarm" />"""), "intermediateCatchEvent", "orc:correlationKey is read on message events" },
        { "a payload on a none end event", Process("p", """<bpmn:startEvent id="start" /><bpmn:endEvent id="end" orc:payload="x" />""" + Flow("a", "start", "end")), "endEvent", "orc:payload is read on message events" },
        { "a message under the engine's own names", Process("p", """<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="m"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />"""
            + Flow("a", "start", "m") + Flow("b", "m", "end"), Message("M", "wf:signal:alarm")), "messageEventDefinition", "starts with 'wf:'" },
        { "one signal twice after an event-based gateway", Process("p", """<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="race" />"""
            + """<bpmn:intermediateCatchEvent id="one"><bpmn:signalEventDefinition signalRef="S" /></bpmn:intermediateCatchEvent><bpmn:intermediateCatchEvent id="two"><bpmn:signalEventDefinition signalRef="S" /></bpmn:intermediateCatchEvent>"""
            + """<bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "race") + Flow("b", "race", "one") + Flow("c", "race", "two") + Flow("d", "one", "end") + Flow("e", "two", "end2"),
            """<bpmn:signal id="S" name="alarm" />"""), "intermediateCatchEvent", "'two': waits for signal 'alarm'" },
        { "a sub-process's message boundary and its own event sub-process for that message", Process("p", """<bpmn:startEvent id="start" />"""
            + """<bpmn:subProcess id="stay"><bpmn:startEvent id="s" /><bpmn:userTask id="t" /><bpmn:endEvent id="e" />""" + Flow("s0", "s", "t") + Flow("s1", "t", "e")
            + """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="inner" isInterrupting="false"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent><bpmn:endEvent id="ie" />""" + Flow("i0", "inner", "ie") + "</bpmn:subProcess></bpmn:subProcess>"
            + """<bpmn:boundaryEvent id="outer" attachedToRef="stay" cancelActivity="false"><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>"""
            + """<bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "stay") + Flow("b", "stay", "end") + Flow("c", "outer", "end2"), Message("M", "update")),
            "startEvent", "'inner': waits for message 'update'" },
        { "a field named like a parameter", Process("p", """<bpmn:extensionElements><orc:parameter name="dipcDeadline" default="P15D" max="P15D" source="CASF D311" /></bpmn:extensionElements><bpmn:startEvent id="start" /><bpmn:userTask id="form"><bpmn:extensionElements><orc:field name="dipcDeadline" type="text" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "form") + Flow("b", "form", "end")),
            "field", "it would write 'dipcDeadline', a parameter of the process" },
        { "a calledElement computed by an expression", Process("p", """<bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="${target}" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "call") + Flow("b", "call", "end")),
            "callActivity", "calledElement \"${target}\" is an expression" },
        { "a multi-instance event sub-process", Process("p", Ok + """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${2}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics><bpmn:startEvent id="s2" isInterrupting="false">""" + Timer("timeDuration", "P1D") + """</bpmn:startEvent><bpmn:endEvent id="e2" /><bpmn:sequenceFlow id="g" sourceRef="s2" targetRef="e2" /></bpmn:subProcess>"""),
            "multiInstanceLoopCharacteristics", "esp" },
        { "two cardinalities", Loop("""<bpmn:loopCardinality>${2}</bpmn:loopCardinality><bpmn:loopCardinality>${3}</bpmn:loopCardinality>"""), "multiInstanceLoopCharacteristics", "loopCardinality is written more than once" },
        { "a commented-out completion condition", Loop("""<bpmn:loopCardinality>${2}</bpmn:loopCardinality><bpmn:completionCondition><!-- ${nrOfCompletedInstances == 1} --></bpmn:completionCondition>"""), "multiInstanceLoopCharacteristics", "its completionCondition is empty" },
        { "two loops on one task", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="each"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${2}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${3}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "each") + Flow("b", "each", "end")),
            "multiInstanceLoopCharacteristics", "multiInstanceLoopCharacteristics is written more than once" },
        { "two extensionElements", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="form"><bpmn:extensionElements><orc:field name="a" type="text" /></bpmn:extensionElements><bpmn:extensionElements><orc:field name="b" type="boolean" required="true" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "form") + Flow("b", "form", "end")),
            "extensionElements", "extensionElements is written more than once" },
        { "a sub-process's message boundary and an event sub-process two levels inside it", Process("p", """<bpmn:startEvent id="start" />"""
            + """<bpmn:subProcess id="stay"><bpmn:startEvent id="s" /><bpmn:subProcess id="inner"><bpmn:startEvent id="is" /><bpmn:userTask id="t" /><bpmn:endEvent id="ie0" />""" + Flow("n0", "is", "t") + Flow("n1", "t", "ie0")
            + """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="deep" isInterrupting="false"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent><bpmn:endEvent id="de" />""" + Flow("d0", "deep", "de") + "</bpmn:subProcess>"
            + """</bpmn:subProcess><bpmn:endEvent id="e" />""" + Flow("s0", "s", "inner") + Flow("s1", "inner", "e") + "</bpmn:subProcess>"
            + """<bpmn:boundaryEvent id="outer" attachedToRef="stay" cancelActivity="false"><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>"""
            + """<bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "stay") + Flow("b", "stay", "end") + Flow("c", "outer", "end2"), Message("M", "update")),
            "startEvent", "'deep': waits for message 'update'" },
        { "a sub-process's message boundary and a process-level event sub-process for that message", Process("p", """<bpmn:startEvent id="start" />"""
            + """<bpmn:subProcess id="stay"><bpmn:startEvent id="s" /><bpmn:userTask id="t" /><bpmn:endEvent id="e" />""" + Flow("s0", "s", "t") + Flow("s1", "t", "e") + "</bpmn:subProcess>"
            + """<bpmn:boundaryEvent id="outer" attachedToRef="stay" cancelActivity="false"><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>"""
            + """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="top" isInterrupting="false"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent><bpmn:endEvent id="ie" />""" + Flow("i0", "top", "ie") + "</bpmn:subProcess>"
            + """<bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "stay") + Flow("b", "stay", "end") + Flow("c", "outer", "end2"), Message("M", "update")),
            "startEvent", "'top': waits for message 'update'" },
        { "a misspelt attribute of a field", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="form"><bpmn:extensionElements><orc:field name="x" type="text" requird="true" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "form") + Flow("b", "form", "end")),
            "field", "orc:field does not read the attribute 'requird'" },
        { "a misspelt bound of a parameter", Process("p", """<bpmn:extensionElements><orc:parameter name="d" default="P30D" mx="P15D" source="CASF" /></bpmn:extensionElements>""" + Ok),
            "parameter", "orc:parameter does not read the attribute 'mx'" },
        { "a collection written for two engines, differently", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="each"><bpmn:multiInstanceLoopCharacteristics orc:collection="${a}" camunda:collection="${b}" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" /></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "each") + Flow("b", "each", "end")),
            "multiInstanceLoopCharacteristics", "orc:collection and camunda:collection say different things" },
        { "bad field type", Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="form"><bpmn:extensionElements><orc:field name="x" type="file" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />""" + Flow("a", "start", "form") + Flow("b", "form", "end")), "field", "type 'file'" },
    };

    /// <summary>Sub-processes nested <paramref name="depth"/> deep, each running the next, the innermost an empty path.</summary>
    internal static string Nested(int depth)
    {
        var xml = new System.Text.StringBuilder("""<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />""" + Flow("g0", "start", "s0") + Flow("g1", "s0", "end"));
        for (var i = 0; i < depth; i++) xml.Append($"""<bpmn:subProcess id="s{i}"><bpmn:startEvent id="a{i}" />""");
        xml.Append($"""<bpmn:endEvent id="inner" />{Flow("fi", $"a{depth - 1}", "inner")}""");
        for (var i = depth - 1; i >= 0; i--)
        {
            xml.Append("</bpmn:subProcess>");
            if (i > 0) xml.Append($"""<bpmn:endEvent id="e{i}" />{Flow($"f{i}a", $"a{i - 1}", $"s{i}")}{Flow($"f{i}b", $"s{i}", $"e{i}")}""");
        }
        return Process("p", xml.ToString());
    }

    /// <summary>A user task looped by <paramref name="characteristics"/>' content.</summary>
    private static string Loop(string characteristics) => Process("p", $"""<bpmn:startEvent id="start" /><bpmn:userTask id="each"><bpmn:multiInstanceLoopCharacteristics>{characteristics}</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask><bpmn:endEvent id="end" />"""
        + Flow("a", "start", "each") + Flow("b", "each", "end"));

    private static string Wait(string kind, string value) => Process("p", """<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait">"""
        + Timer(kind, value) + """</bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />""" + Flow("a", "start", "wait") + Flow("b", "wait", "end"));

    private static string EventGateway(string target) => Process("p", """<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="race" /><bpmn:intermediateCatchEvent id="late">"""
        + Timer("timeDuration", "P2D") + "</bpmn:intermediateCatchEvent>" + target + """<bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
        + Flow("a", "start", "race") + Flow("toCall", "race", "call") + Flow("toLate", "race", "late") + Flow("d", "call", "end") + Flow("e", "late", "end2"));

    private static string TwoPools(string first, string second) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:test">
          <bpmn:collaboration id="c"><bpmn:participant id="p1" name="Équipe" processRef="care" /><bpmn:participant id="p2" name="Hôpital" processRef="partner" /></bpmn:collaboration>
          <bpmn:process id="care" isExecutable="{first}"><bpmn:startEvent id="s1" /><bpmn:endEvent id="e1" /><bpmn:sequenceFlow id="f1" sourceRef="s1" targetRef="e1" /></bpmn:process>
          <bpmn:process id="partner" isExecutable="{second}"><bpmn:startEvent id="s2" /><bpmn:endEvent id="e2" /><bpmn:sequenceFlow id="f2" sourceRef="s2" targetRef="e2" /></bpmn:process>
        </bpmn:definitions>
        """;

    private static string Gateway(string condition) => Process("p", """<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" default="c" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
        + Flow("a", "start", "gw") + Flow("b", "gw", "end", condition) + Flow("c", "gw", "end2"));

    [Theory]
    [InlineData("intermediateCatchEvent")]
    [InlineData("intermediateThrowEvent")]
    public void An_error_on_an_intermediate_event_is_refused_as_misplaced_without_asking_for_an_error_ref_that_would_not_help(string kind)
    {
        var xml = Process("p", $"""<bpmn:startEvent id="start" /><bpmn:{kind} id="tgt"><bpmn:errorEventDefinition /></bpmn:{kind}><bpmn:endEvent id="end" />"""
            + Flow("a", "start", "tgt") + Flow("b", "tgt", "end"));

        var problems = BpmnParser.Validate(xml, type => type is "Record").Select(p => p.ToString()).ToList();

        Assert.Contains(problems, p => p.Contains("error event definitions are not allowed", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("errorRef", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void An_invalid_definition_is_refused_with_the_element_and_the_reason(string because, string xml, string elementType, string fragment)
    {
        var problems = BpmnParser.Validate(xml, type => type is "Record");
        Assert.True(problems.Count > 0, because);
        var problem = problems.FirstOrDefault(p => p.ElementType == elementType && (p.ToString().Contains(fragment, StringComparison.Ordinal)));
        Assert.True(problem is not null, $"{because}: expected a problem on {elementType} mentioning '{fragment}', got:\n{string.Join("\n", problems)}");
        Assert.True(problem.Line > 0 || elementType == "document", $"{because}: the problem should carry a line number");
        Assert.Throws<BpmnValidationException>(() => BpmnParser.Parse(xml, type => type is "Record"));
    }

    [Fact]
    public void An_interrupting_event_sub_process_may_wait_for_its_own_message_again_inside_and_catches_keyed_otherwise_may_wait_beside_it()
    {
        var ownContent = Process("p", Ok + """<bpmn:subProcess id="one" triggeredByEvent="true"><bpmn:startEvent id="s1"><bpmn:messageEventDefinition messageRef="A" /></bpmn:startEvent><bpmn:intermediateCatchEvent id="again"><bpmn:messageEventDefinition messageRef="A" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="e1" />"""
            + Flow("g1", "s1", "again") + Flow("g2", "again", "e1") + "</bpmn:subProcess>", Message("A", "reply"));
        var keyedOtherwise = Process("p", """<bpmn:startEvent id="start" /><bpmn:receiveTask id="wait" messageRef="A" orc:correlationKey="${requestId}" /><bpmn:endEvent id="end" />""" + Flow("a", "start", "wait") + Flow("b", "wait", "end")
            + """<bpmn:subProcess id="one" triggeredByEvent="true"><bpmn:startEvent id="s1" isInterrupting="false" orc:correlationKey="${caseId}"><bpmn:messageEventDefinition messageRef="A" /></bpmn:startEvent><bpmn:endEvent id="e1" />""" + Flow("g1", "s1", "e1") + "</bpmn:subProcess>", Message("A", "reply"));

        // An interrupting event sub-process ends its siblings' listening when it occurs: what waits inside it waits alone.
        var insideInterruptingSibling = Process("p", Ok + """<bpmn:subProcess id="news" triggeredByEvent="true"><bpmn:startEvent id="s1" isInterrupting="false"><bpmn:messageEventDefinition messageRef="A" /></bpmn:startEvent><bpmn:endEvent id="e1" />""" + Flow("g1", "s1", "e1")
            + """</bpmn:subProcess><bpmn:subProcess id="late" triggeredByEvent="true"><bpmn:startEvent id="s2">""" + Timer("timeDuration", "PT1H") + """</bpmn:startEvent><bpmn:receiveTask id="awaitNews" messageRef="A" /><bpmn:endEvent id="e2" />"""
            + Flow("h1", "s2", "awaitNews") + Flow("h2", "awaitNews", "e2") + "</bpmn:subProcess>", Message("A", "news"));

        Assert.Empty(BpmnParser.Validate(ownContent));
        Assert.Empty(BpmnParser.Validate(keyedOtherwise));
        Assert.Empty(BpmnParser.Validate(insideInterruptingSibling));
    }

    [Theory]
    [InlineData(65)]
    [InlineData(200)] // 20,000 (700 kB), read recursively, exhausted the stack and killed the process; the XML depth now stops it first
    public void Sub_processes_nested_deeper_than_the_engine_reads_are_refused_naming_the_first_too_deep(int depth)
    {
        var problems = BpmnParser.Validate(Nested(depth));

        var problem = Assert.Single(problems, p => p.ElementId == "s64");
        Assert.Contains("65 sub-processes deep; at most 64", problem.Reason);
        Assert.Empty(BpmnParser.Validate(Nested(64)));
        Assert.Contains("nested more than 256 deep", Assert.Single(BpmnParser.Validate(Nested(20_000))).Reason);
    }

    [Fact]
    public void Elements_nested_deeper_than_the_reader_takes_are_refused_before_the_document_is_built()
    {
        // 700 kB nesting 100,000 elements in a documentation: building the document costs the square of the depth (13 s of a core).
        var xml = Process("p", $"""<bpmn:startEvent id="start"><bpmn:documentation>{string.Concat(Enumerable.Repeat("<x>", 100_000))}{string.Concat(Enumerable.Repeat("</x>", 100_000))}</bpmn:documentation></bpmn:startEvent><bpmn:endEvent id="end" />{Flow("f", "start", "end")}""");

        var problem = Assert.Single(BpmnParser.Validate(xml));

        Assert.Equal("document", problem.ElementType);
        Assert.Contains("nested more than 256 deep", problem.Reason);
        Assert.True(problem.Line > 0);
    }

    [Fact]
    public void An_event_based_gateway_that_says_it_is_exclusive_is_valid() =>
        Assert.Empty(BpmnParser.Validate(EventGateway("""<bpmn:intermediateCatchEvent id="call">""" + Timer("timeDuration", "P1D") + "</bpmn:intermediateCatchEvent>")
            .Replace("<bpmn:eventBasedGateway id=\"race\" />", "<bpmn:eventBasedGateway id=\"race\" eventGatewayType=\"Exclusive\" />")));

    [Fact]
    public void A_non_interrupting_event_that_also_writes_the_other_flag_false_is_valid()
    {
        var xml = Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="care" /><bpmn:boundaryEvent id="late" attachedToRef="care" cancelActivity="false" isInterrupting="false">"""
            + Timer("timeDuration", "P1D") + """</bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />""" + Flow("a", "start", "care") + Flow("b", "care", "end") + Flow("c", "late", "end2")
            + """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="s2" isInterrupting="false" cancelActivity="false">""" + Timer("timeDuration", "P1D")
            + """</bpmn:startEvent><bpmn:endEvent id="e2" /><bpmn:sequenceFlow id="g" sourceRef="s2" targetRef="e2" /></bpmn:subProcess>""");

        Assert.Empty(BpmnParser.Validate(xml));
    }

    [Fact]
    public void A_task_role_no_function_holds_is_refused_when_the_functions_are_known()
    {
        static string Task(string role) => Process("p", $"""<bpmn:startEvent id="start" /><bpmn:userTask id="prescribe" orc:role="{role}" /><bpmn:endEvent id="end" />"""
            + Flow("a", "start", "prescribe") + Flow("b", "prescribe", "end"));
        string[] functions = ["doctor", "director"];

        var refused = Assert.Single(BpmnParser.Validate(Task("doctr"), null, null, functions));
        Assert.Equal("prescribe", refused.ElementId);
        Assert.Contains("orc:role 'doctr' is no function, so nobody could complete the task: doctor, director", refused.Reason);
        Assert.Empty(BpmnParser.Validate(Task("doctor"), null, null, functions));
        Assert.Empty(BpmnParser.Validate(Task("${who}"), null, null, functions)); // computed: checked when the task opens
        Assert.Empty(BpmnParser.Validate(Task("doctr"))); // no functions given: any role
    }

    [Fact]
    public void A_stored_version_refused_only_by_rules_added_since_it_was_saved_still_loads_so_its_running_instances_go_on()
    {
        // Saved before the reachability, vocabulary and catch rules existed: a forgotten self-loop, a performer, two catch-alls.
        var xml = Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="work"><bpmn:potentialOwner><bpmn:resourceAssignmentExpression><bpmn:formalExpression>x</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner></bpmn:userTask>"""
            + """<bpmn:boundaryEvent id="b1" attachedToRef="work"><bpmn:errorEventDefinition /></bpmn:boundaryEvent><bpmn:boundaryEvent id="b2" attachedToRef="work"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>"""
            + """<bpmn:userTask id="recheck" /><bpmn:endEvent id="end" /><bpmn:endEvent id="e2" /><bpmn:endEvent id="e3" />"""
            + Flow("a", "start", "work") + Flow("b", "work", "end") + Flow("c", "b1", "e2") + Flow("d", "b2", "e3") + Flow("self", "recheck", "recheck"));

        Assert.NotEmpty(BpmnParser.Validate(xml)); // a new version is refused
        var stored = BpmnParser.Parse(xml, timers: Orchestrator.Workflows.Timing.TimerRules.Default with { Stored = true });
        Assert.Equal("start", stored.StartEventId);
    }

    [Fact]
    public void A_refused_compensation_is_told_once_not_as_a_boundary_without_flow_or_a_handler_nothing_leads_to()
    {
        var xml = Process("p", """<bpmn:startEvent id="start" /><bpmn:manualTask id="book" /><bpmn:endEvent id="end" />"""
            + """<bpmn:boundaryEvent id="comp" attachedToRef="book"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>"""
            + """<bpmn:manualTask id="undo" isForCompensation="true" /><bpmn:association id="link" sourceRef="comp" targetRef="undo" />"""
            + Flow("a", "start", "book") + Flow("b", "book", "end"));

        var problems = BpmnParser.Validate(xml);

        Assert.Equal(["comp: compensation events are not supported", "undo: compensation activities are not supported"],
            problems.Select(p => $"{p.ElementId}: {p.Reason}").Order());
    }

    [Fact]
    public void All_problems_of_a_file_are_listed_at_once()
    {
        var xml = Process("p", Ok + """<bpmn:scriptTask id="s1"><bpmn:script>x()</bpmn:script></bpmn:scriptTask><bpmn:complexGateway id="c1" /><bpmn:userTask id="lonely" />""");
        var problems = BpmnParser.Validate(xml);
        Assert.Contains(problems, p => p.ElementId == "s1");
        Assert.Contains(problems, p => p.ElementId == "c1");
        Assert.Contains(problems, p => p.ElementId == "lonely");
    }

    [Theory]
    [InlineData("R2/2020-01-01T00:00:00Z/P1D")] // wholly past: not armed, as on a boundary event
    [InlineData("R2/1776-07-04T00:00:00Z/PT1S")] // bounded and fast: the one-minute floor binds a process's start events and unbounded cycles
    public void An_event_sub_process_timer_start_is_held_to_a_boundary_event_s_rules_not_a_process_start_s(string cycle)
    {
        var xml = Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="work" /><bpmn:endEvent id="end" />"""
            + Flow("a", "start", "work") + Flow("b", "work", "end")
            + """<bpmn:subProcess id="remind" triggeredByEvent="true"><bpmn:startEvent id="tick" isInterrupting="false">""" + Timer("timeCycle", cycle)
            + """</bpmn:startEvent><bpmn:endEvent id="reminded" />""" + Flow("r", "tick", "reminded") + "</bpmn:subProcess>");

        Assert.Empty(BpmnParser.Validate(xml));
    }

    [Fact]
    public void Two_receive_tasks_of_one_message_one_after_the_other_in_a_sub_process_with_a_message_boundary_of_another_are_valid() =>
        Assert.Empty(BpmnParser.Validate(Process("p", """<bpmn:startEvent id="start" /><bpmn:subProcess id="care"><bpmn:startEvent id="cs" /><bpmn:receiveTask id="first" messageRef="A" /><bpmn:receiveTask id="second" messageRef="A" /><bpmn:endEvent id="ce" />"""
            + Flow("g1", "cs", "first") + Flow("g2", "first", "second") + Flow("g3", "second", "ce") + """</bpmn:subProcess><bpmn:boundaryEvent id="withdrawn" attachedToRef="care"><bpmn:messageEventDefinition messageRef="W" /></bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />"""
            + Flow("a", "start", "care") + Flow("b", "care", "end") + Flow("c", "withdrawn", "end2"), Message("A", "lab-result") + Message("W", "withdrawal"))));

    [Fact]
    public void Two_boundary_events_of_one_message_told_apart_by_their_correlation_keys_are_valid()
    {
        var xml = Process("p", """<bpmn:startEvent id="start" /><bpmn:userTask id="work" />"""
            + """<bpmn:boundaryEvent id="fromA" attachedToRef="work" cancelActivity="false" orc:correlationKey="${a}"><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>"""
            + """<bpmn:boundaryEvent id="fromB" attachedToRef="work" cancelActivity="false" orc:correlationKey="${b}"><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>"""
            + """<bpmn:endEvent id="end" /><bpmn:endEvent id="endA" /><bpmn:endEvent id="endB" />"""
            + Flow("f0", "start", "work") + Flow("f1", "work", "end") + Flow("f2", "fromA", "endA") + Flow("f3", "fromB", "endB"), Message("M", "ping"));

        Assert.Empty(BpmnParser.Validate(xml));
    }

    [Fact]
    public void Diagram_interchange_and_other_vendors_extensions_are_ignored()
    {
        var xml = Process("p", """
            <bpmn:startEvent id="start" camunda:initiator="me"><bpmn:extensionElements><camunda:properties><camunda:property name="a" value="b" /></camunda:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" />
            <bpmn:textAnnotation id="note"><bpmn:text>Note</bpmn:text></bpmn:textAnnotation>
            """);
        Assert.Empty(BpmnParser.Validate(xml));
    }

    [Theory]
    [InlineData("t\n\"x\"", "t\\u000a\"x\"")] // a newline would break the line naming it
    [InlineData("g\u202Eevil", "g\\u202eevil")] // a right-to-left override would show it reversed
    [InlineData("1st", "1st")]
    [InlineData("a b", "a b")]
    [InlineData("ns:task", "ns:task")]
    public void An_id_that_is_not_an_XML_name_is_refused_and_named_with_its_invisible_characters_written_out(string id, string shown)
    {
        var xml = Process("p", $"""<bpmn:startEvent id="start" /><bpmn:userTask id="{System.Security.SecurityElement.Escape(id).Replace("\n", "&#10;")}" /><bpmn:endEvent id="end" />"""
            + Flow("f0", "start", "end"));

        Assert.Contains(BpmnParser.Validate(xml), p => p.ElementId == shown && p.Reason.Contains("is not an XML name"));
    }

    [Fact]
    public void Ids_in_other_scripts_are_XML_names_and_accepted() =>
        Assert.Empty(BpmnParser.Validate(Process("p", """<bpmn:startEvent id="début" /><bpmn:endEvent id="終了" />""" + Flow("f0", "début", "終了"))));

    [Theory]
    [InlineData("""<bpmn:userTask id="record"><bpmn:extensionElements><orc:field name="Date" type="date" /></bpmn:extensionElements></bpmn:userTask>""", "record")]
    [InlineData("""<bpmn:userTask id="record"><bpmn:extensionElements><orc:field name="undefined" /></bpmn:extensionElements></bpmn:userTask>""", "record")]
    [InlineData("""<bpmn:userTask id="record"><bpmn:extensionElements><orc:field name="valueOf" /></bpmn:extensionElements></bpmn:userTask>""", "record")] // unset, it would read Object.prototype's
    [InlineData("""<bpmn:userTask id="record"><bpmn:multiInstanceLoopCharacteristics orc:collection="${items}" orc:elementVariable="Math" /></bpmn:userTask>""", "record")]
    [InlineData("""<bpmn:userTask id="record"><bpmn:multiInstanceLoopCharacteristics orc:collection="${items}" orc:outputCollection="JSON" orc:outputElement="${1}" /></bpmn:userTask>""", "record")]
    public void A_variable_named_after_a_JavaScript_built_in_or_keyword_is_refused(string task, string elementId)
    {
        var xml = Process("p", """<bpmn:startEvent id="start" />""" + task + """<bpmn:endEvent id="end" />""" + Flow("f0", "start", "record") + Flow("f1", "record", "end"));

        Assert.Contains(BpmnParser.Validate(xml), p => p.ElementId == elementId && p.Reason.Contains("is a name JavaScript keeps for itself"));
    }

    [Fact]
    public void A_boundary_whose_flow_crosses_into_a_sub_process_is_refused_for_the_crossing_only_not_also_for_having_no_flow()
    {
        var xml = Process("p", """
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="sub"><bpmn:startEvent id="ss" /><bpmn:userTask id="inner" /><bpmn:endEvent id="se" /><bpmn:sequenceFlow id="s0" sourceRef="ss" targetRef="inner" /><bpmn:sequenceFlow id="s1" sourceRef="inner" targetRef="se" /></bpmn:subProcess>
            <bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="sub" /><bpmn:sequenceFlow id="f1" sourceRef="sub" targetRef="e" />
            <bpmn:boundaryEvent id="b" attachedToRef="sub"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="inner" />
            """);

        var problem = Assert.Single(BpmnParser.Validate(xml));
        Assert.Equal("f2", problem.ElementId);
        Assert.Contains("cannot cross a sub-process boundary", problem.Reason);
    }

    [Fact]
    public void A_boundary_attached_to_an_event_is_refused_because_it_is_no_activity()
    {
        var xml = Process("p", """
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="other"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:boundaryEvent id="bnd" attachedToRef="other"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
            """ + Flow("f0", "start", "other") + Flow("f1", "other", "e") + Flow("f2", "bnd", "e2"));

        Assert.Contains(BpmnParser.Validate(xml), p => p.ElementId == "bnd" && p.Reason.Contains("which is not an activity"));
    }
}
