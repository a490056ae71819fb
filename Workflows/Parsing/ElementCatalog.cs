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
        "compensateEventDefinition", "conditionalEventDefinition", "cancelEventDefinition",
    };

    /// <summary>Why <paramref name="name"/> is refused, in the current UI culture.</summary>
    public static string RefusalOf(string name) => Validation.ReasonText.Named("Refused_" + name) ?? Validation.ReasonText.Format(Validation.Reasons.NotSupported, name);
}
