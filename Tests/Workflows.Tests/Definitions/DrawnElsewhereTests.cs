using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Definitions;

/// <summary>
/// Files drawn in other modelers (Camunda Modeler, Signavio, Trisotech…): what carries no behaviour is ignored, a task drawn
/// without its implementation does nothing, and a refusal names the one element at fault, not its neighbours as well.
/// </summary>
public sealed class DrawnElsewhereTests
{
    [Fact]
    public async Task A_script_task_drawn_without_a_script_runs_as_an_abstract_task()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("p", """
            <bpmn:startEvent id="start" /><bpmn:scriptTask id="compute" name="Calculer" /><bpmn:userTask id="check" /><bpmn:endEvent id="end" />
            """ + Flow("a", "start", "compute") + Flow("b", "compute", "check") + Flow("c", "check", "end")));
        var id = await h.Engine.StartAsync("p");

        await h.CompleteAsync(id, "check");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        var trace = await h.TraceAsync(id);
        Assert.True(trace.IndexOf("completed:compute") < trace.IndexOf("entered:check"), string.Join(", ", trace));
    }

    [Theory]
    [InlineData("""<bpmn:scriptTask id="compute" scriptFormat="groovy"><bpmn:script>println 'hello'</bpmn:script></bpmn:scriptTask>""")]
    [InlineData("""<bpmn:scriptTask id="compute" scriptFormat="xslt" camunda:resource="example.xsl" />""")]
    public void A_script_task_with_a_script_is_refused_naming_it_and_its_line(string scriptTask)
    {
        var problem = Assert.Single(BpmnParser.Validate(Process("p",
            """<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />""" + scriptTask + Flow("a", "start", "compute") + Flow("b", "compute", "end"))));

        Assert.Equal(("scriptTask", "compute"), (problem.ElementType, problem.ElementId));
        Assert.True(problem.Line > 0);
        Assert.Contains("script tasks with a script are not supported", problem.Reason);
    }

    [Theory]
    [InlineData("""<bpmn:complexGateway id="refused" />""")]
    [InlineData("""<bpmn:scriptTask id="refused"><bpmn:script>x()</bpmn:script></bpmn:scriptTask>""")]
    [InlineData("""<bpmn:businessRuleTask id="refused" />""")]
    public void A_refused_element_is_the_only_problem_reported_not_its_flows_or_the_elements_after_it(string refused)
    {
        var xml = Process("p", $"""
            <bpmn:startEvent id="start" />{refused}<bpmn:userTask id="after" /><bpmn:endEvent id="end" />
            <bpmn:boundaryEvent id="late" attachedToRef="refused">{Timer("timeDuration", "P1D")}</bpmn:boundaryEvent>
            """ + Flow("a", "start", "refused") + Flow("b", "refused", "after") + Flow("c", "after", "end") + Flow("d", "late", "end"));

        var problem = Assert.Single(BpmnParser.Validate(xml));

        Assert.Equal("refused", problem.ElementId);
    }

    [Fact]
    public void Lanes_documentation_data_objects_annotations_and_other_vendors_attributes_carry_no_behaviour_and_are_ignored()
    {
        var xml = Process("p", """
            <bpmn:documentation>Un parcours</bpmn:documentation>
            <bpmn:extensionElements><signavio:signavioMetaData metaKey="bgcolor" metaValue="#ffffff" /></bpmn:extensionElements>
            <bpmn:laneSet id="lanes"><bpmn:lane id="lane" name="Coordination"><bpmn:flowNodeRef>start</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
            <bpmn:ioSpecification id="io"><bpmn:inputSet id="in" /><bpmn:outputSet id="out" /></bpmn:ioSpecification>
            <bpmn:dataObject id="file" isCollection="false" /><bpmn:dataObjectReference id="fileRef" dataObjectRef="file" />
            <bpmn:dataStoreReference id="storeRef" />
            <bpmn:startEvent id="start" camunda:formKey="embedded:app:start.html" camunda:initiator="who" isInterrupting="true" />
            <bpmn:userTask id="check" camunda:assignee="demo" camunda:candidateGroups="a, b" implementation="##unspecified" completionQuantity="01" startQuantity="+1" isForCompensation="0">
              <bpmn:documentation>Vérifier le dossier</bpmn:documentation>
              <bpmn:extensionElements><camunda:taskListener class="x.Y" event="assignment" /><camunda:formData><camunda:formField id="ok" type="boolean" /></camunda:formData></bpmn:extensionElements>
              <bpmn:dataOutputAssociation id="toFile"><bpmn:targetRef>fileRef</bpmn:targetRef></bpmn:dataOutputAssociation>
            </bpmn:userTask>
            <bpmn:endEvent id="end"><bpmn:extensionElements><camunda:executionListener class="x.Z" event="start" /></bpmn:extensionElements></bpmn:endEvent>
            <bpmn:textAnnotation id="note"><bpmn:text>Note</bpmn:text></bpmn:textAnnotation>
            <bpmn:association id="link" sourceRef="check" targetRef="note" associationDirection="None" />
            <bpmn:group id="group" />
            """ + Flow("a", "start", "check") + Flow("b", "check", "end"))
            .Replace("xmlns:bpmn=", "xmlns:signavio=\"http://www.signavio.com\" xmlns:bpmn=");

        Assert.Empty(BpmnParser.Validate(xml));
    }
}
