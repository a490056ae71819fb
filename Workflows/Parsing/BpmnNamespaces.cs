using System.Xml.Linq;

namespace Orchestrator.Workflows.Parsing;

/// <summary>The XML namespaces a definition is read in.</summary>
public static class BpmnNamespaces
{
    /// <summary>The BPMN 2.0 model namespace.</summary>
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    /// <summary>Our single extension namespace for pathway data (role, deadlines, activity inputs).</summary>
    public static readonly XNamespace Orc = "urn:orchestrator:bpmn:1.0";
    /// <summary>Camunda 7's extension namespace: read only for the multi-instance collection of public files.</summary>
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";
    /// <summary>The XML Schema instance namespace (<c>xsi:</c> attributes such as <c>xsi:type</c>).</summary>
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
}
