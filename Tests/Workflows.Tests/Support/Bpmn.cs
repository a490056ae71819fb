namespace Orchestrator.Workflows.Tests.Support;

/// <summary>Wraps a process body in the BPMN boilerplate so each test shows only the elements that matter.</summary>
public static class Bpmn
{
    public static string Process(string id, string body, string messages = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xmlns:orc="urn:orchestrator:bpmn:1.0"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Definitions_{id}" targetNamespace="urn:test">
          {messages}
          <bpmn:process id="{id}" isExecutable="true">
        {body}
          </bpmn:process>
          <bpmndi:BPMNDiagram id="Diagram_{id}"><bpmndi:BPMNPlane id="Plane_{id}" bpmnElement="{id}" /></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    public static string Flow(string id, string from, string to, string? condition = null) => condition is null
        ? $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />"""
        : $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{condition}</bpmn:conditionExpression></bpmn:sequenceFlow>""";

    public static string Message(string id, string name) => $"""<bpmn:message id="{id}" name="{name}" />""";

    public static string Timer(string kind, string value) => $"<bpmn:timerEventDefinition><bpmn:{kind}>{value}</bpmn:{kind}></bpmn:timerEventDefinition>";
}
