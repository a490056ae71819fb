using Orchestrator.Workflows.Model;

namespace Orchestrator.Workflows.Parsing;

/// <summary>Which BPMN elements the engine runs, which it ignores, and why it refuses the rest.</summary>
internal static class ElementCatalog
{
    public static readonly IReadOnlyDictionary<string, ElementKind> Executable = new Dictionary<string, ElementKind>
    {
        ["startEvent"] = ElementKind.StartEvent,
        ["endEvent"] = ElementKind.EndEvent,
        ["intermediateCatchEvent"] = ElementKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = ElementKind.IntermediateThrowEvent,
        ["boundaryEvent"] = ElementKind.BoundaryEvent,
        ["userTask"] = ElementKind.UserTask,
        ["serviceTask"] = ElementKind.ServiceTask,
        ["sendTask"] = ElementKind.SendTask,
        ["receiveTask"] = ElementKind.ReceiveTask,
        ["manualTask"] = ElementKind.ManualTask,
        ["task"] = ElementKind.Task,
        ["exclusiveGateway"] = ElementKind.ExclusiveGateway,
        ["parallelGateway"] = ElementKind.ParallelGateway,
        ["inclusiveGateway"] = ElementKind.InclusiveGateway,
        ["eventBasedGateway"] = ElementKind.EventBasedGateway,
        ["subProcess"] = ElementKind.SubProcess,
        ["callActivity"] = ElementKind.CallActivity,
    };

    /// <summary>Documentation and artifacts: they carry no behaviour, so they are skipped silently.</summary>
    public static readonly ISet<string> Ignored = new HashSet<string>
    {
        "documentation", "extensionElements", "textAnnotation", "association", "group", "laneSet", "lane",
        "dataObject", "dataObjectReference", "dataStoreReference", "dataInputAssociation", "dataOutputAssociation",
        "ioSpecification", "property", "incoming", "outgoing", "category", "categoryValue",
    };

    public static readonly IReadOnlyDictionary<string, string> Refused = new Dictionary<string, string>
    {
        ["complexGateway"] = "complex gateways are not supported",
        ["scriptTask"] = "script tasks with a script are not supported; use a service task with an activity from the library (a script task without a script runs as an abstract task)",
        ["businessRuleTask"] = "business rule tasks are not supported; use an exclusive gateway with conditions",
        ["transaction"] = "transactions (and compensation) are not supported",
        ["adHocSubProcess"] = "ad-hoc sub-processes are not supported",
        ["standardLoopCharacteristics"] = "loop activities are not supported; model the loop with a gateway",
        ["compensateEventDefinition"] = "compensation events are not supported",
        ["cancelEventDefinition"] = "cancel events are not supported",
    };

    /// <summary>Whether a refused element is a node of the flow (an activity or a gateway) rather than a part of one.</summary>
    public static bool IsFlowNode(string localName) =>
        !localName.EndsWith("Characteristics", StringComparison.Ordinal) && !localName.EndsWith("EventDefinition", StringComparison.Ordinal);

    /// <summary>
    /// The script of a script task: its <c>bpmn:script</c> text, or a script resource another engine loads (an attribute named
    /// <c>resource</c>, as Camunda's); null when there is none, and the task was drawn without one.
    /// </summary>
    public static string? ScriptOf(System.Xml.Linq.XElement scriptTask)
    {
        var text = scriptTask.Element(BpmnNamespaces.Bpmn + "script")?.Value.Trim();
        if (!string.IsNullOrEmpty(text)) return text;
        return scriptTask.Attributes().FirstOrDefault(a => a.Name.LocalName == "resource")?.Value;
    }
}
