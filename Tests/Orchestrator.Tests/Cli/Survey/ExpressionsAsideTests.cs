using System.Xml.Linq;
using Orchestrator.Cli.Survey;

namespace Orchestrator.Tests.Cli.Survey;

/// <summary>What <c>survey</c> sets aside of another engine's file before its second try, and what it leaves alone.</summary>
public sealed class ExpressionsAsideTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Orc = "urn:orchestrator:bpmn:1.0";

    private static XDocument File(string body) => XDocument.Parse($"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:t">
          <bpmn:process id="p" isExecutable="true">{body}</bpmn:process>
        </bpmn:definitions>
        """);

    private static XElement ById(XDocument document, string id) => document.Descendants().Single(e => (string?)e.Attribute("id") == id);

    [Fact]
    public void A_java_delegate_passes_through_as_an_abstract_task_and_one_an_error_boundary_watches_keeps_its_boundary()
    {
        var document = File("""
            <bpmn:serviceTask id="plain" camunda:class="org.example.Delegate" />
            <bpmn:serviceTask id="watched" camunda:type="external" camunda:topic="t" />
            <bpmn:boundaryEvent id="failed" attachedToRef="watched"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            <bpmn:serviceTask id="ours" orc:activity="RecordMilestone" />
            """);

        var changes = ExpressionsAside.Rewrite(document);

        Assert.Equal(Bpmn + "task", ById(document, "plain").Name);
        Assert.Equal(Bpmn + "serviceTask", ById(document, "watched").Name);
        Assert.Equal("RecordMilestone", (string?)ById(document, "watched").Attribute(Orc + "activity"));
        Assert.Equal(Bpmn + "serviceTask", ById(document, "ours").Name);
        Assert.Equal(2, changes.Count);
    }

    [Fact]
    public void Conditions_of_flows_and_conditional_events_read_true_and_an_empty_default_condition_is_left_empty()
    {
        var document = File("""
            <bpmn:exclusiveGateway id="gw" default="otherwise" />
            <bpmn:sequenceFlow id="juel" sourceRef="gw" targetRef="a"><bpmn:conditionExpression>#{approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="missing" sourceRef="gw" targetRef="b" />
            <bpmn:sequenceFlow id="otherwise" sourceRef="gw" targetRef="c"><bpmn:conditionExpression /></bpmn:sequenceFlow>
            <bpmn:boundaryEvent id="archive" attachedToRef="x"><bpmn:conditionalEventDefinition><bpmn:condition>${invoiceId != null}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:boundaryEvent>
            """);

        ExpressionsAside.Rewrite(document);

        Assert.Equal("${true}", ById(document, "juel").Element(Bpmn + "conditionExpression")!.Value);
        Assert.Equal("${true}", ById(document, "missing").Element(Bpmn + "conditionExpression")!.Value);
        Assert.Equal("", ById(document, "otherwise").Element(Bpmn + "conditionExpression")!.Value);
        Assert.Equal("${true}", ById(document, "archive").Descendants(Bpmn + "condition").Single().Value);
    }

    [Theory]
    [InlineData("timeCycle", "0/5 0/1 * 1/1 * ?", "timeCycle", "R1/PT1H")]
    [InlineData("timeDuration", "${reminderDelay}", "timeDuration", "PT1H")]
    [InlineData("timeDate", "", "timeDuration", "PT1H")]
    [InlineData("timeDuration", "P2D", "timeDuration", "P2D")]
    public void A_timer_value_that_is_not_ISO_8601_becomes_a_one_hour_wait_and_a_valid_one_stays(string part, string value, string expectedPart, string expected)
    {
        var document = File($"""<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:{part}>{value}</bpmn:{part}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""");

        ExpressionsAside.Rewrite(document);

        Assert.Equal(expected, ById(document, "wait").Descendants(Bpmn + expectedPart).Single().Value);
    }

    [Fact]
    public void A_multi_instance_over_a_collection_of_the_other_engine_runs_twice_without_its_completion_condition()
    {
        var document = File("""
            <bpmn:subProcess id="each"><bpmn:multiInstanceLoopCharacteristics camunda:collection="${scores}" camunda:elementVariable="score">
              <bpmn:completionCondition>${nrOfCompletedInstances == 1}</bpmn:completionCondition>
            </bpmn:multiInstanceLoopCharacteristics></bpmn:subProcess>
            """);

        ExpressionsAside.Rewrite(document);

        var loop = ById(document, "each").Element(Bpmn + "multiInstanceLoopCharacteristics")!;
        Assert.Equal("${2}", loop.Element(Bpmn + "loopCardinality")!.Value);
        Assert.Empty(loop.Attributes());
        Assert.Null(loop.Element(Bpmn + "completionCondition"));
    }

    [Fact]
    public void A_script_task_and_a_decision_task_pass_through()
    {
        var document = File("""
            <bpmn:scriptTask id="script" scriptFormat="groovy"><bpmn:script>println 'x'</bpmn:script></bpmn:scriptTask>
            <bpmn:businessRuleTask id="rules" camunda:decisionRef="approve" />
            """);

        var changes = ExpressionsAside.Rewrite(document);

        Assert.Equal(Bpmn + "task", ById(document, "script").Name);
        Assert.Empty(ById(document, "script").Elements());
        Assert.Equal(Bpmn + "task", ById(document, "rules").Name);
        Assert.Equal(["scriptTask 'script': script set aside", "businessRuleTask 'rules': decision set aside"], changes);
    }
}
