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

    /// <summary>Elements refused with a reason of their own, the resource <c>Refused_{name}</c> of <c>Reasons.resx</c>.</summary>
    public static readonly ISet<string> Refused = new HashSet<string>
    {
        "complexGateway", "scriptTask", "businessRuleTask", "transaction", "adHocSubProcess", "standardLoopCharacteristics",
        "compensateEventDefinition", "cancelEventDefinition",
    };

    /// <summary>Why <paramref name="name"/> is refused, in the current UI culture.</summary>
    public static string RefusalOf(string name) => Validation.ReasonText.Named("Refused_" + name) ?? Validation.ReasonText.Format(Validation.Reasons.NotSupported, name);

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
