using System.Xml.Linq;
using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Timing;
using Orchestrator.Workflows.Validation;
using static Orchestrator.Workflows.Parsing.BpmnNamespaces;

namespace Orchestrator.Workflows.Parsing;

/// <summary>Builds the elements and flows of one process, collecting problems instead of stopping at the first.</summary>
internal sealed partial class ProcessReader(
    XElement process,
    IReadOnlyDictionary<string, string?> messages,
    IReadOnlyDictionary<string, string?> errors,
    IReadOnlyDictionary<string, string?> signals,
    IReadOnlyDictionary<string, string?> escalations,
    List<BpmnProblem> problems,
    Func<string, bool>? isKnownActivity,
    TimerRules timers,
    IReadOnlyCollection<string>? taskRoles)
{
    private readonly Dictionary<string, FlowElement> _elements = new();
    private readonly List<FlowElement> _order = new();
    private readonly List<(SequenceFlow Flow, string? Container)> _flows = new();
    private readonly HashSet<string> _ids = new();
    /// <summary>The process's <c>orc:parameter</c> names: deadlines only an administrator sets, which nothing in the process may write.</summary>
    private readonly HashSet<string> _parameterNames = new(StringComparer.Ordinal);

    public ProcessModel? Build()
    {
        var processId = (string?)process.Attribute("id");
        if (string.IsNullOrWhiteSpace(processId))
            Problem(process, null, Reasons.ProcessNeedsId);
        var parameters = ReadParameters(process.Element(Bpmn + "extensionElements"), processId);
        _parameterNames.UnionWith(parameters.Select(p => p.Name));
        ReadContainer(process, null);
        WireFlows();
        WireBoundaryEvents();
        CheckEventBasedGateways();
        WireLinks();
        foreach (var element in _order.Where(e => !e.IsPlaceholder))
        {
            new ElementRules(element, WiringProblem, isKnownActivity, timers,
                element.ParentId is { } parent && _elements[parent].TriggeredByEvent, taskRoles).Check();
            FlowRules.CheckDefault(element, this.Problem);
            foreach (var flow in element.Outgoing) FlowRules.Check(flow, element, FlowProblem);
        }
        CheckStartTimerExpressions(parameters);
        CheckOrcAttributesElsewhere();
        // Rules added since versions were first stored are not held against a stored version: its running instances must load
        // after an upgrade (a new refusal would leave them stuck); a new version is held to them when it is saved or published.
        if (!timers.Stored)
        {
            CheckVocabulary();
            CheckDuplicateCatches();
            // Once every element is wired and sound on its own: a missing flow is then told once, as such.
            if (problems.Count == 0) CheckReachability();
        }
        var start = ChooseStart(null, process, processId);
        if (problems.Count > 0 || start is null || processId is null) return null;
        return new ProcessModel(processId, (string?)process.Attribute("name"), _elements,
            _flows.Select(f => f.Flow).ToList(), start, _order, parameters);
    }

    /// <summary>
    /// A timer start event's <c>${…}</c> reads only the process parameters, since no instance exists yet, and the publication plans
    /// its starts with their default values (<see cref="Definitions.StartTimers"/>): its value is known now, and is held to the
    /// rules a written value meets. A cycle of one second from a parameter would otherwise start an instance every second, and an
    /// expression reading anything else would fail the publication.
    /// </summary>
    private void CheckStartTimerExpressions(List<ProcessParameter> parameters)
    {
        var variables = Definitions.StartTimers.Variables(parameters);
        using var time = ExpressionTime.At(timers.Now, timers.Zone);
        foreach (var start in _order.Where(e => e.Kind == ElementKind.StartEvent && e.ParentId is null && e.Timer is { } t && ExpressionEvaluator.IsExpression(t.Expression)))
        {
            var timer = start.Timer!;
            if (ExpressionEvaluator.Check(timer.Expression) is not null) continue; // its syntax is reported by the element's rules
            var kind = ReasonText.Named("TimerKind_" + timer.Kind.ToString().ToLowerInvariant());
            string? value;
            try
            {
                value = ExpressionEvaluator.EvaluateString(timer.Expression, variables);
            }
            catch (ExpressionException e)
            {
                Problem(start, ReasonText.Format(Reasons.TimerReason, kind, ReasonText.Format(Reasons.StartTimerExpressionFailed, timer.Expression, e.Reason)));
                continue;
            }
            if (TimerValue.Check(timer.Kind, value ?? "", timers, mustNotRunAway: true) is { } refused)
                Problem(start, ReasonText.Format(Reasons.TimerReason, kind, ReasonText.Format(Reasons.StartTimerExpressionValue, timer.Expression, value ?? "", refused)));
        }
    }

    /// <summary>
    /// How deep sub-processes may nest. Reading and running walk the nesting recursively: a file nesting thousands (a few hundred
    /// kilobytes) would exhaust the stack and bring the whole host down, which no catch can stop. Real pathways nest two or three.
    /// </summary>
    public const int MaxNesting = 64;

    private void ReadContainer(XElement container, string? parentId, int depth = 0)
    {
        foreach (var child in container.Elements())
        {
            if (child.Name.Namespace != Bpmn) continue; // other vendors' extensions and diagram data
            var local = child.Name.LocalName;
            if (ElementCatalog.Ignored.Contains(local)) continue;
            if (local == "multiInstanceLoopCharacteristics" && parentId is not null) continue; // a sub-process's own loop, read with it
            if (local == "scriptTask" && ElementCatalog.ScriptOf(child) is null)
            {
                // A script task drawn but never given a script does nothing: it runs as an abstract task, like a manual task.
                ReadElement(child, ElementKind.Task, parentId);
                continue;
            }
            if (ElementCatalog.Refused.Contains(local))
            {
                Problem(child, (string?)child.Attribute("id"), ElementCatalog.RefusalOf(local));
                // Kept in the graph as a placeholder, so that its flows and its neighbours are not reported once more
                // ("names no element", "cannot be reached"): the refusal above is the one thing to fix.
                if (ElementCatalog.IsFlowNode(local)) ReadPlaceholder(child, parentId);
                continue;
            }
            if (local == "sequenceFlow") { ReadFlow(child, parentId); continue; }
            if (!ElementCatalog.Executable.TryGetValue(local, out var kind))
            {
                Problem(child, (string?)child.Attribute("id"), ReasonText.Format(Reasons.NotInSubset, local));
                continue;
            }
            var element = ReadElement(child, kind, parentId);
            if (element is null) continue;
            if (kind == ElementKind.SubProcess)
            {
                if (depth + 1 > MaxNesting)
                {
                    Problem(child, element.Id, ReasonText.Format(Reasons.NestedTooDeep, depth + 1, MaxNesting));
                    continue;
                }
                ReadContainer(child, element.Id, depth + 1);
                element.StartEventId = element.TriggeredByEvent ? ChooseEventStart(element, child) : ChooseStart(element.Id, child, element.Id);
            }
        }
    }

    /// <summary>A refused element, kept only for its id and flows; the file is refused anyway, so it never runs.</summary>
    private void ReadPlaceholder(XElement xml, string? parentId)
    {
        var id = (string?)xml.Attribute("id");
        if (string.IsNullOrWhiteSpace(id) || !_ids.Add(id)) return;
        var element = new FlowElement(id, ElementKind.Task, xml.Name.LocalName, BpmnParser.LineOf(xml)) { ParentId = parentId, IsPlaceholder = true };
        _elements[id] = element;
        _order.Add(element);
    }

    private FlowElement? ReadElement(XElement xml, ElementKind kind, string? parentId)
    {
        var id = (string?)xml.Attribute("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            // Its drawn name, when it has one, is how a modeller finds it on the diagram; the line alone sends them to the XML.
            Problem(xml, null, (string?)xml.Attribute("name") is { Length: > 0 } drawn ? ReasonText.Format(Reasons.NamedElementNeedsId, drawn.Trim()) : Reasons.ElementNeedsId);
            return null;
        }
        if (!_ids.Add(id)) { Problem(xml, id, Reasons.DuplicateId); return null; }
        var element = new FlowElement(id, kind, xml.Name.LocalName, BpmnParser.LineOf(xml))
        {
            Name = (string?)xml.Attribute("name"),
            ParentId = parentId,
            DefaultFlowId = (string?)xml.Attribute("default"),
            AttachedToRef = (string?)xml.Attribute("attachedToRef"),
            CancelActivity = Flag(xml, id, "cancelActivity", absent: true),
            CalledElement = (string?)xml.Attribute("calledElement"),
            IsInterrupting = Flag(xml, id, "isInterrupting", absent: true),
        };
        // Each is read on one kind of event only; on the other it would be ignored and the event interrupt after all.
        // Refused only where the event would then interrupt: written beside the attribute it does read, set to false, it is harmless.
        if (kind == ElementKind.BoundaryEvent && XsdBoolean.IsFalse((string?)xml.Attribute("isInterrupting")) && element.CancelActivity)
            Problem(xml, id, ReasonText.Format(Reasons.FlagOnWrongEvent, "isInterrupting", "cancelActivity"));
        if (kind == ElementKind.StartEvent && XsdBoolean.IsFalse((string?)xml.Attribute("cancelActivity")) && element.IsInterrupting)
            Problem(xml, id, ReasonText.Format(Reasons.FlagOnWrongEvent, "cancelActivity", "isInterrupting"));
        var extensions = xml.Attributes().Where(a => a.Name.Namespace == Orc)
            .ToDictionary(a => a.Name.LocalName, a => a.Value);
        CheckOrcAttributes(xml, id, AttributesOf(xml.Name.LocalName), belongOnLoop: LoopAttributes);
        element.Extensions = extensions;
        element.Role = extensions.GetValueOrDefault("role");
        element.DueIn = extensions.GetValueOrDefault("dueIn");
        element.ActivityType = extensions.GetValueOrDefault("activity");
        var ext = xml.Element(Bpmn + "extensionElements");
        if (ext is not null) ReadExtensionElements(ext, element);
        if (Second(xml, "extensionElements") is { } secondExtensions) Problem(secondExtensions, id, ReasonText.Format(Reasons.WrittenTwice, "extensionElements"));
        ReadEventDefinitions(xml, element, extensions.GetValueOrDefault("correlationKey"));
        if (kind is ElementKind.SendTask or ElementKind.ReceiveTask)
            element.Message = ResolveMessage(xml, element, (string?)xml.Attribute("messageRef"), extensions.GetValueOrDefault("correlationKey"));
        // A key and a payload belong to a message: on a signal, timer or none event nothing would read them (a signal has no key).
        if (element.Trigger != EventTrigger.Message && kind is not (ElementKind.SendTask or ElementKind.ReceiveTask))
            foreach (var name in new[] { "correlationKey", "payload" }.Where(extensions.ContainsKey))
                Problem(xml, id, ReasonText.Format(Reasons.OrcAttributeNotMessage, name));
        CheckUnsupportedAttributes(xml, element);
        foreach (var nested in xml.Elements().Where(e => e.Name.Namespace == Bpmn && ElementCatalog.Refused.Contains(e.Name.LocalName)
                     && e.Name.LocalName.EndsWith("Characteristics", StringComparison.Ordinal)))
            Problem(nested, id, ElementCatalog.RefusalOf(nested.Name.LocalName));
        // Known before the loop is read: an event sub-process cannot be multi-instance.
        if (kind == ElementKind.SubProcess) element.TriggeredByEvent = Flag(xml, id, "triggeredByEvent", absent: false);
        if (Second(xml, "multiInstanceLoopCharacteristics") is { } secondLoop)
            Problem(secondLoop, id, ReasonText.Format(Reasons.WrittenTwice, "multiInstanceLoopCharacteristics"));
        else if (xml.Element(Bpmn + "multiInstanceLoopCharacteristics") is { } loop) element.Loop = ReadLoop(loop, element);
        _elements[id] = element;
        _order.Add(element);
        return element;
    }

    private void ReadExtensionElements(XElement ext, FlowElement element)
    {
        var fields = new List<FormField>();
        var inputs = new Dictionary<string, string>();
        var mappings = new Dictionary<string, List<VariableMapping>> { ["in"] = new(), ["out"] = new() };
        foreach (var item in ext.Elements().Where(e => e.Name.Namespace == Orc))
        {
            if (!ElementExtensions.Contains(item.Name.LocalName))
            {
                Problem(item, element.Id, ReasonText.Format(Reasons.OrcElementUnknown, item.Name.LocalName, ReasonText.Choices(ElementExtensions.Select(e => $"orc:{e}").ToList())));
                continue;
            }
            CheckExtensionAttributes(item, element.Id);
            if (item.Name.LocalName is "in" or "out")
            {
                if (ReadMapping(item, element) is { } mapping) mappings[item.Name.LocalName].Add(mapping);
                continue;
            }
            var name = (string?)item.Attribute("name");
            if (string.IsNullOrWhiteSpace(name)) { Problem(item, element.Id, ReasonText.Format(Reasons.ExtensionNeedsName, item.Name.LocalName)); continue; }
            // Two fields of one name would be one answer written twice (the form breaks on it), two inputs one value silently dropped.
            // A form belongs to a user task, inputs to a service task's activity: elsewhere nothing reads them.
            if ((item.Name.LocalName == "field" && element.Kind != ElementKind.UserTask) || (item.Name.LocalName == "input" && element.Kind != ElementKind.ServiceTask))
            {
                Problem(item, element.Id, ReasonText.Format(Reasons.OrcElementNotHere, item.Name.LocalName, element.BpmnType,
                    item.Name.LocalName == "field" ? "userTask" : "serviceTask"));
                continue;
            }
            // A field's answer becomes a variable of its name.
            if (item.Name.LocalName == "field" && Expressions.ReservedNames.Contains(name))
            {
                Problem(item, element.Id, Expressions.ReservedNames.Refusal(name));
                continue;
            }
            // A deadline of the process, bounded by law, set by an administrator: an answer would replace it, bounds unchecked.
            if (item.Name.LocalName == "field" && _parameterNames.Contains(name))
            {
                Problem(item, element.Id, ReasonText.Format(Reasons.WritesParameter, name));
                continue;
            }
            if (item.Name.LocalName == "field" ? fields.Any(f => f.Name == name) : inputs.ContainsKey(name))
            {
                Problem(item, element.Id, ReasonText.Format(Reasons.ExtensionTwice, item.Name.LocalName, name));
                continue;
            }
            if (item.Name.LocalName == "field")
            {
                var typeText = (string?)item.Attribute("type") ?? "text";
                if (!Enum.TryParse<FormFieldType>(typeText, ignoreCase: true, out var type))
                {
                    Problem(item, element.Id, ReasonText.Format(Reasons.FieldBadType, name, typeText));
                    continue;
                }
                var values = ((string?)item.Attribute("values") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (type == FormFieldType.Choice && values.Length == 0)
                    Problem(item, element.Id, ReasonText.Format(Reasons.ChoiceNeedsValues, name));
                // labels="Favorable,Défavorable": what people read for each value, in the same order; the values stay the codes.
                var labels = (string?)item.Attribute("labels") is { } labelText
                    ? labelText.Split(',', StringSplitOptions.TrimEntries) : null;
                if (labels is not null && (type != FormFieldType.Choice || labels.Length != values.Length || labels.Any(l => l.Length == 0)))
                    Problem(item, element.Id, type != FormFieldType.Choice
                        ? ReasonText.Format(Reasons.LabelsOnlyOnChoice, name)
                        : ReasonText.Format(Reasons.LabelsCount, name, values.Length, labels.Length));
                var min = (string?)item.Attribute("min");
                var max = (string?)item.Attribute("max");
                foreach (var (what, bound) in new[] { ("min", min), ("max", max) })
                    if (bound is not null && (type != FormFieldType.Date || !FormField.IsDateBound(bound)))
                        Problem(item, element.Id, type != FormFieldType.Date
                            ? ReasonText.Format(Reasons.BoundOnlyOnDate, name, what)
                            : ReasonText.Format(Reasons.DateBoundBad, name, what, bound));
                var within = (string?)item.Attribute("within");
                var suggested = (string?)item.Attribute("suggested");
                foreach (var (what, length) in new[] { ("within", within), ("suggested", suggested) })
                    if (length is not null && (type != FormFieldType.Date || min is null || !FormField.IsDateLength(length)))
                        Problem(item, element.Id, type != FormFieldType.Date || min is null
                            ? ReasonText.Format(Reasons.LengthOnlyOnDateWithMin, name, what)
                            : ReasonText.Format(Reasons.DateLengthBad, name, what, length));
                fields.Add(new FormField(name, type, (string?)item.Attribute("label"), Flag(item, element.Id, "required", absent: false), values, labels, min, max,
                    within, suggested));
            }
            else if (item.Name.LocalName == "input")
            {
                inputs[name] = (string?)item.Attribute("value") ?? item.Value.Trim();
            }
        }
        element.Fields = fields;
        element.Inputs = inputs;
        foreach (var (kind, list) in mappings)
            foreach (var duplicate in list.GroupBy(m => m.Target).Where(g => g.Count() > 1))
                ProblemAt(element.BpmnType, element.Id, duplicate.Last().Line, ReasonText.Format(Reasons.MappingTwice, kind, duplicate.Key));
        element.InputMappings = mappings["in"];
        element.OutputMappings = mappings["out"];
    }

    /// <summary><c>&lt;orc:in source="a" target="b"/&gt;</c>, <c>&lt;orc:out expression="${…}" target="b"/&gt;</c>; target defaults to source.</summary>
    private VariableMapping? ReadMapping(XElement item, FlowElement element)
    {
        var what = "orc:" + item.Name.LocalName;
        if (element.Kind != ElementKind.CallActivity) { Problem(item, element.Id, ReasonText.Format(Reasons.MappingNotOnCall, what, ReasonText.Element(element))); return null; }
        var source = ((string?)item.Attribute("source"))?.Trim();
        var expression = ((string?)item.Attribute("expression"))?.Trim();
        var target = ((string?)item.Attribute("target"))?.Trim() ?? source;
        if (string.IsNullOrEmpty(source) == string.IsNullOrEmpty(expression))
        {
            Problem(item, element.Id, ReasonText.Format(Reasons.MappingSourceOrExpression, what));
            return null;
        }
        if (string.IsNullOrEmpty(target) || !VariableName().IsMatch(target) || (source is { Length: > 0 } && !VariableName().IsMatch(source)))
        {
            Problem(item, element.Id, ReasonText.Format(Reasons.MappingTargetBad, what, target ?? source));
            return null;
        }
        if (item.Name.LocalName == "out" && _parameterNames.Contains(target))
        {
            Problem(item, element.Id, ReasonText.Format(Reasons.Labelled, what, ReasonText.Format(Reasons.WritesParameter, target)));
            return null;
        }
        if (Expressions.ReservedNames.Contains(target))
        {
            Problem(item, element.Id, ReasonText.Format(Reasons.Labelled, what, Expressions.ReservedNames.Refusal(target)));
            return null;
        }
        if (expression is { Length: > 0 })
        {
            var reason = Expressions.ExpressionEvaluator.IsExpression(expression) ? Expressions.ExpressionEvaluator.Check(expression) : ReasonText.Format(Reasons.NotAnExpression);
            if (reason is not null) { Problem(item, element.Id, ReasonText.Format(Reasons.MappingExpression, what, target, expression, reason)); return null; }
        }
        return new VariableMapping(target, string.IsNullOrEmpty(source) ? null : source, string.IsNullOrEmpty(expression) ? null : expression, BpmnParser.LineOf(item));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial System.Text.RegularExpressions.Regex VariableName();

    /// <summary>
    /// The attributes of the engine's namespace a flow element of this BPMN type carries, as the designer writes them
    /// (<c>orc-moddle.json</c>): a user task's function and deadline, a service task's activity, a message's correlation key on
    /// the events and tasks that catch or throw one, and what a thrown message carries. A multi-instance element's loop carries
    /// <see cref="LoopAttributes"/>; any other element none.
    /// </summary>
    internal static string[] AttributesOf(string bpmnType) => bpmnType switch
    {
        "userTask" => ["role", "dueIn"],
        "serviceTask" => ["activity"],
        "receiveTask" or "startEvent" or "intermediateCatchEvent" or "boundaryEvent" => ["correlationKey"],
        "sendTask" or "intermediateThrowEvent" or "endEvent" => ["correlationKey", "payload"],
        _ => [],
    };

    /// <summary>The attributes of the engine's namespace on <c>multiInstanceLoopCharacteristics</c>.</summary>
    internal static readonly string[] LoopAttributes = ["collection", "elementVariable", "outputCollection", "outputElement"];

    /// <summary>The engine's extension elements of a flow element; a process's are <c>orc:parameter</c> only.</summary>
    private static readonly string[] ElementExtensions = ["field", "input", "in", "out"];

    /// <summary>
    /// Refuses an attribute of the engine's namespace that the engine does not read there: misspelt (<c>orc:corelationKey</c>), it
    /// would be ignored, and a receive task without its key takes any instance's message of that name.
    /// </summary>
    private void CheckOrcAttributes(XElement xml, string? id, string[] allowed, string[]? belongOnLoop = null)
    {
        _orcChecked.Add(xml);
        foreach (var attribute in xml.Attributes().Where(a => a.Name.Namespace == Orc && !allowed.Contains(a.Name.LocalName)))
            Problem(xml, id, belongOnLoop?.Contains(attribute.Name.LocalName) == true
                ? ReasonText.Format(Reasons.OrcAttributeOnLoop, attribute.Name.LocalName)
                : allowed.Length == 0
                    ? ReasonText.Format(Reasons.OrcAttributeNoneHere, attribute.Name.LocalName, xml.Name.LocalName)
                    : ReasonText.Format(Reasons.OrcAttributeUnknown, attribute.Name.LocalName, ReasonText.Choices(allowed.Select(a => $"orc:{a}").ToList())));
    }

    /// <summary>The elements whose <c>orc:</c> attributes were checked as a flow element's or a loop's.</summary>
    private readonly HashSet<XElement> _orcChecked = new();

    /// <summary>
    /// Every other element of the process (the process itself, a sequence flow, an event definition, a condition) and of the file
    /// around it (messages, signals, the collaboration and its pools) carries no attribute of the engine's namespace:
    /// <c>orc:correlationKey</c> written on a <c>messageEventDefinition</c> or a <c>bpmn:message</c> rather than on its event would be
    /// ignored, and the catch it should key would take any instance's message. Processes left aside (non-executable) are not read.
    /// </summary>
    private void CheckOrcAttributesElsewhere()
    {
        bool Read(XElement e) => e.AncestorsAndSelf(Bpmn + "process").FirstOrDefault() is not { } owner || owner == process;
        foreach (var xml in process.Document!.Root!.DescendantsAndSelf().Where(e => e.Name.Namespace == Bpmn && !_orcChecked.Contains(e) && Read(e)))
            foreach (var attribute in xml.Attributes().Where(a => a.Name.Namespace == Orc))
                Problem(xml, (string?)xml.Attribute("id") ?? xml.Ancestors().Select(a => (string?)a.Attribute("id")).FirstOrDefault(i => i is not null),
                    ReasonText.Format(Reasons.OrcAttributeNoneHere, attribute.Name.LocalName, xml.Name.LocalName));
    }

    /// <summary>The attributes each of the engine's extension elements reads.</summary>
    private static readonly Dictionary<string, string[]> ExtensionAttributes = new(StringComparer.Ordinal)
    {
        ["field"] = ["name", "type", "label", "required", "values", "labels", "min", "max", "within", "suggested"],
        ["input"] = ["name", "value"],
        ["in"] = ["source", "expression", "target"],
        ["out"] = ["source", "expression", "target"],
        ["parameter"] = ["name", "default", "type", "label", "min", "max", "source"],
    };

    /// <summary>
    /// Refuses an attribute an extension element of the engine does not read: misspelt, it would be ignored (« requird » leaves a
    /// field optional, « mx » a deadline unbounded, « targt » a mapping writing its source's name).
    /// </summary>
    private void CheckExtensionAttributes(XElement item, string? id)
    {
        if (!ExtensionAttributes.TryGetValue(item.Name.LocalName, out var read)) return;
        foreach (var attribute in item.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None && !read.Contains(a.Name.LocalName)))
            Problem(item, id, ReasonText.Format(Reasons.ExtensionAttributeUnknown, attribute.Name.LocalName, item.Name.LocalName,
                ReasonText.Choices(read.ToList())));
    }

    private List<ProcessParameter> ReadParameters(XElement? ext, string? processId)
    {
        var parameters = new List<ProcessParameter>();
        foreach (var item in ext?.Elements().Where(e => e.Name.Namespace == Orc && e.Name.LocalName != "parameter") ?? [])
            Problem(item, processId, ReasonText.Format(Reasons.OrcElementUnknown, item.Name.LocalName, "orc:parameter"));
        foreach (var item in ext?.Elements(Orc + "parameter") ?? [])
        {
            CheckExtensionAttributes(item, processId);
            var name = (string?)item.Attribute("name");
            var value = (string?)item.Attribute("default");
            var typeText = (string?)item.Attribute("type") ?? "duration";
            if (string.IsNullOrWhiteSpace(name) || value is null) { Problem(item, processId, Reasons.ParameterNeedsNameAndDefault); continue; }
            if (!Enum.TryParse<ProcessParameterType>(typeText, ignoreCase: true, out var type))
            {
                Problem(item, processId, ReasonText.Format(Reasons.ParameterBadType, name, typeText));
                continue;
            }
            if (parameters.Any(p => p.Name == name)) { Problem(item, processId, ReasonText.Format(Reasons.ParameterTwice, name)); continue; }
            if (Expressions.ReservedNames.Contains(name)) { Problem(item, processId, Expressions.ReservedNames.Refusal(name)); continue; }
            if (type == ProcessParameterType.Duration && TimerValue.Check(TimerKind.Duration, value, timers) is { } reason)
            {
                Problem(item, processId, ReasonText.Format(Reasons.ParameterReason, name, reason));
                continue;
            }
            // 1e999 reads as Infinity and NaN as NaN, which no variable can hold: every start would fail.
            if (type == ProcessParameterType.Number && !timers.Stored && !(double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)))
            {
                Problem(item, processId, ReasonText.Format(Reasons.ParameterReason, name, ReasonText.Format(Reasons.ParameterNotANumber, value)));
                continue;
            }
            var parameter = new ProcessParameter(name, (string?)item.Attribute("label"), type, value,
                (string?)item.Attribute("min"), (string?)item.Attribute("max"), (string?)item.Attribute("source"));
            if (BoundsProblem(parameter, timers.Zone) is { } boundsProblem) { Problem(item, processId, ReasonText.Format(Reasons.ParameterReason, name, boundsProblem)); continue; }
            parameters.Add(parameter);
        }
        return parameters;
    }

    /// <summary>Bounds are durations, name their source, hold the default, and the lower is not above the upper.</summary>
    private static string? BoundsProblem(ProcessParameter parameter, NodaTime.DateTimeZone zone)
    {
        if (parameter.Min is null && parameter.Max is null)
            return parameter.Source is null ? null : Reasons.SourceWithoutBound;
        if (parameter.Type != ProcessParameterType.Duration) return Reasons.BoundsOnlyOnDurations;
        foreach (var (what, bound) in new[] { ("min", parameter.Min), ("max", parameter.Max) })
            if (bound is not null && IsoDuration.Read(bound, out _) is { } reason) return ReasonText.Format(Reasons.Labelled, what, reason);
        if (string.IsNullOrWhiteSpace(parameter.Source)) return Reasons.BoundNeedsSource;
        if (parameter.Min is not null && parameter.Max is not null && !IsoDuration.Parse(parameter.Min).NeverLongerThan(IsoDuration.Parse(parameter.Max), zone))
            return ReasonText.Format(Reasons.MinAboveMax, parameter.Min, parameter.Max);
        var value = IsoDuration.Parse(parameter.DefaultValue);
        if (parameter.IsBelowMin(value, zone)) return ReasonText.Format(Reasons.DefaultBelowMin, parameter.DefaultValue, parameter.Min);
        if (parameter.IsAboveMax(value, zone)) return ReasonText.Format(Reasons.DefaultAboveMax, parameter.DefaultValue, parameter.Max);
        return null;
    }

    private void ReadEventDefinitions(XElement xml, FlowElement element, string? correlationKey)
    {
        var definitions = xml.Elements().Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        if (definitions.Count > 1) { Problem(xml, element.Id, Reasons.SeveralEventDefinitions); return; }
        if (definitions.Count == 0) return;
        var definition = definitions[0];
        switch (definition.Name.LocalName)
        {
            case "messageEventDefinition":
                element.Trigger = EventTrigger.Message;
                element.Message = ResolveMessage(definition, element, (string?)definition.Attribute("messageRef"), correlationKey);
                break;
            case "timerEventDefinition":
                element.Trigger = EventTrigger.Timer;
                element.Timer = ReadTimer(definition, element);
                break;
            case "terminateEventDefinition":
                element.Trigger = EventTrigger.Terminate;
                break;
            case "signalEventDefinition":
                element.Trigger = EventTrigger.Signal;
                element.SignalName = ResolveSignal(definition, element, (string?)definition.Attribute("signalRef"));
                break;
            case "errorEventDefinition":
                element.Trigger = EventTrigger.Error;
                element.ErrorCode = ResolveError(definition, element, (string?)definition.Attribute("errorRef"));
                break;
            case "linkEventDefinition":
                element.Trigger = EventTrigger.Link;
                element.LinkName = ((string?)definition.Attribute("name"))?.Trim() is { Length: > 0 } link ? link : null;
                if (element.LinkName is null) Problem(definition, element.Id, Reasons.LinkNeedsName);
                break;
            case "conditionalEventDefinition":
                element.Trigger = EventTrigger.Conditional;
                var condition = definition.Element(Bpmn + "condition")?.Value.Trim();
                if (Second(definition, "condition") is not null)
                    Problem(definition, element.Id, ReasonText.Format(Reasons.WrittenTwice, "condition"));
                else if (string.IsNullOrEmpty(condition))
                    Problem(definition, element.Id, ReasonText.Format(Reasons.ConditionalNeedsCondition));
                else if (Expressions.ConditionExpression.Check(condition) is { } reason)
                    Problem(definition, element.Id, ReasonText.Format(Reasons.ConditionalConditionBad, reason));
                else element.EventCondition = condition;
                break;
            case "escalationEventDefinition":
                element.Trigger = EventTrigger.Escalation;
                element.EscalationCode = ResolveEscalation(definition, element, (string?)definition.Attribute("escalationRef"));
                break;
            default:
                Problem(definition, element.Id, ElementCatalog.RefusalOf(definition.Name.LocalName));
                element.IsPlaceholder = true; // a compensation boundary is not also told it has no outgoing flow, nor its handler that nothing leads to it
                break;
        }
    }

    private TimerDefinition? ReadTimer(XElement definition, FlowElement element)
    {
        // Each one written counts: a second timeDuration would otherwise be dropped in silence, and the timer fire on the first.
        var parts = new[] { ("timeDuration", TimerKind.Duration), ("timeDate", TimerKind.Date), ("timeCycle", TimerKind.Cycle) }
            .SelectMany(p => definition.Elements(Bpmn + p.Item1).Select(xml => (Xml: (XElement?)xml, Kind: p.Item2))).ToList();
        if (parts.Count != 1)
        {
            Problem(definition, element.Id, Reasons.TimerNeedsOneValue);
            return null;
        }
        var value = parts[0].Xml!.Value.Trim();
        if (value.Length == 0) { Problem(parts[0].Xml!, element.Id, Reasons.TimerEmpty); return null; }
        return new TimerDefinition(parts[0].Kind, value);
    }

    /// <summary>The error code of <paramref name="errorRef"/>; a throw needs one, a catch without errorRef catches every error.</summary>
    private string? ResolveError(XElement xml, FlowElement element, string? errorRef)
    {
        if (errorRef is null)
        {
            // Only an end event throws an error; on another event the definition itself is refused, and an errorRef would not help.
            if (element.Kind == ElementKind.EndEvent) Problem(xml, element.Id, Reasons.ErrorEndNeedsRef);
            return null;
        }
        if (!errors.TryGetValue(errorRef, out var code))
        {
            Problem(xml, element.Id, ReasonText.Format(Reasons.ErrorRefUnknown, errorRef));
            return null;
        }
        if (string.IsNullOrWhiteSpace(code))
        {
            Problem(xml, element.Id, ReasonText.Format(Reasons.ErrorNoCode, errorRef));
            return null;
        }
        return code;
    }

    /// <summary>The escalation code of <paramref name="escalationRef"/>; a throw needs one, a catch without escalationRef catches every escalation.</summary>
    private string? ResolveEscalation(XElement xml, FlowElement element, string? escalationRef)
    {
        if (escalationRef is null)
        {
            if (element.Kind is not (ElementKind.BoundaryEvent or ElementKind.StartEvent))
                Problem(xml, element.Id, Reasons.EscalationThrowNeedsRef);
            return null;
        }
        if (!escalations.TryGetValue(escalationRef, out var code))
        {
            Problem(xml, element.Id, ReasonText.Format(Reasons.EscalationRefUnknown, escalationRef));
            return null;
        }
        if (string.IsNullOrWhiteSpace(code))
        {
            Problem(xml, element.Id, ReasonText.Format(Reasons.EscalationNoCode, escalationRef));
            return null;
        }
        return code;
    }

    private string? ResolveSignal(XElement xml, FlowElement element, string? signalRef)
    {
        if (signalRef is null) { Problem(xml, element.Id, Reasons.SignalNotSet); return null; }
        if (!signals.TryGetValue(signalRef, out var name)) { Problem(xml, element.Id, ReasonText.Format(Reasons.SignalRefUnknown, signalRef)); return null; }
        if (string.IsNullOrWhiteSpace(name)) { Problem(xml, element.Id, ReasonText.Format(Reasons.SignalNoName, signalRef)); return null; }
        if (!timers.Stored && name.Contains("${", StringComparison.Ordinal)) Problem(xml, element.Id, ReasonText.Format(Reasons.NameNotEvaluated, "signal", name));
        return name;
    }

    private MessageSubscription? ResolveMessage(XElement xml, FlowElement element, string? messageRef, string? correlationKey)
    {
        if (messageRef is null)
        {
            if (element.Kind is ElementKind.SendTask or ElementKind.ReceiveTask || element.Trigger == EventTrigger.Message)
                Problem(xml, element.Id, Reasons.MessageNotSet);
            return null;
        }
        if (!messages.TryGetValue(messageRef, out var name))
        {
            Problem(xml, element.Id, ReasonText.Format(Reasons.MessageRefUnknown, messageRef));
            return null;
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            Problem(xml, element.Id, ReasonText.Format(Reasons.MessageNoName, messageRef));
            return null;
        }
        // The engine's own messages (a callee's completion, signals) live under this prefix: one of a model's would be taken for them.
        if (name.StartsWith(Runtime.WellKnownMessages.EnginePrefix, StringComparison.Ordinal))
        {
            Problem(xml, element.Id, ReasonText.Format(Reasons.MessageNameReserved, name, Runtime.WellKnownMessages.EnginePrefix));
            return null;
        }
        // « alert-${personId} » would be waited for as written, and no sender would ever send that: names are not expressions.
        if (!timers.Stored && name.Contains("${", StringComparison.Ordinal)) Problem(xml, element.Id, ReasonText.Format(Reasons.NameNotEvaluated, "message", name));
        return new MessageSubscription(name, correlationKey);
    }

    private void ReadFlow(XElement xml, string? container)
    {
        var id = (string?)xml.Attribute("id");
        if (string.IsNullOrWhiteSpace(id)) { Problem(xml, null, Reasons.FlowNeedsId); return; }
        if (!_ids.Add(id)) { Problem(xml, id, Reasons.DuplicateId); return; }
        var written = xml.Element(Bpmn + "conditionExpression");
        var condition = written?.Value.Trim();
        // Read as no condition, an empty (or commented-out) one would make the flow always taken, and a second would be dropped.
        if (Second(xml, "conditionExpression") is not null) Problem(xml, id, ReasonText.Format(Reasons.WrittenTwice, "conditionExpression"));
        else if (written is not null && string.IsNullOrEmpty(condition)) Problem(xml, id, ReasonText.Format(Reasons.ConditionEmpty));
        _flows.Add((new SequenceFlow(id, (string?)xml.Attribute("name"), (string?)xml.Attribute("sourceRef") ?? "",
            (string?)xml.Attribute("targetRef") ?? "", string.IsNullOrEmpty(condition) ? null : condition, BpmnParser.LineOf(xml)), container));
    }

    private void WireFlows()
    {
        var incoming = _elements.Keys.ToDictionary(k => k, _ => new List<SequenceFlow>());
        var outgoing = _elements.Keys.ToDictionary(k => k, _ => new List<SequenceFlow>());
        foreach (var (flow, container) in _flows)
        {
            if (!_elements.TryGetValue(flow.SourceRef, out var source) || !_elements.TryGetValue(flow.TargetRef, out var target))
            {
                ProblemAt("sequenceFlow", flow.Id, flow.Line,
                    ReasonText.Format(Reasons.FlowEndsUnknown, flow.SourceRef, flow.TargetRef));
                continue;
            }
            if (source.ParentId != container || target.ParentId != container)
            {
                ProblemAt("sequenceFlow", flow.Id, flow.Line, Reasons.FlowCrossesSubProcess);
                _crossingEnds.Add(source.Id);
                _crossingEnds.Add(target.Id);
                continue;
            }
            outgoing[source.Id].Add(flow);
            incoming[target.Id].Add(flow);
        }
        foreach (var element in _order)
        {
            element.Incoming = incoming[element.Id];
            element.Outgoing = outgoing[element.Id];
        }
    }

    private void WireBoundaryEvents()
    {
        var attached = new Dictionary<string, List<string>>();
        foreach (var boundary in _order.Where(e => e.Kind == ElementKind.BoundaryEvent))
        {
            if (boundary.AttachedToRef is null || !_elements.TryGetValue(boundary.AttachedToRef, out var host))
            {
                ProblemAt("boundaryEvent", boundary.Id, boundary.Line, ReasonText.Format(Reasons.AttachedToUnknown, boundary.AttachedToRef));
                continue;
            }
            if (host.IsPlaceholder || boundary.IsPlaceholder) continue; // its refusal is reported; the boundary is not judged on top of it
            if (host.TriggeredByEvent)
            {
                ProblemAt("boundaryEvent", boundary.Id, boundary.Line, ReasonText.Format(Reasons.AttachedToEventSubProcess, host.Id));
                continue;
            }
            if (!host.IsWaitingActivity)
            {
                // An event or a gateway is no activity at all (BPMN §10.5.4: attachedToRef is an Activity); a script-less task never waits.
                ProblemAt("boundaryEvent", boundary.Id, boundary.Line,
                    ReasonText.Format(host.IsActivity ? Reasons.AttachedToNonWaiting : Reasons.AttachedToNonActivity, ReasonText.Element(host)));
                continue;
            }
            if (boundary.Trigger == EventTrigger.Error && host.Kind is not (ElementKind.SubProcess or ElementKind.CallActivity or ElementKind.ServiceTask or ElementKind.UserTask))
            {
                ProblemAt("boundaryEvent", boundary.Id, boundary.Line,
                    ReasonText.Format(Reasons.ErrorsOnNonThrower, ReasonText.Element(host)));
                continue;
            }
            if (boundary.Trigger == EventTrigger.Escalation && host.Kind is not (ElementKind.SubProcess or ElementKind.CallActivity or ElementKind.UserTask))
            {
                ProblemAt("boundaryEvent", boundary.Id, boundary.Line,
                    ReasonText.Format(Reasons.EscalationsOnNonThrower, ReasonText.Element(host)));
                continue;
            }
            if (host.ParentId != boundary.ParentId)
                ProblemAt("boundaryEvent", boundary.Id, boundary.Line, Reasons.BoundaryInOtherContainer);
            if (!attached.TryGetValue(host.Id, out var list)) attached[host.Id] = list = new List<string>();
            list.Add(boundary.Id);
        }
        foreach (var (hostId, list) in attached) _elements[hostId].BoundaryEventIds = list;
    }

    /// <summary>
    /// Attributes that change what an element means and that the engine does not honour are refused rather than
    /// ignored: running the element as if they were absent would be silently wrong.
    /// </summary>
    private void CheckUnsupportedAttributes(XElement xml, FlowElement element)
    {
        if (element.Kind == ElementKind.EventBasedGateway)
        {
            if (Flag(xml, element.Id, "instantiate", absent: false))
                Problem(xml, element.Id, Reasons.InstantiatingEventGateway);
            // tEventBasedGatewayType is an enumeration of xsd:string: « parallel » or « Parallel » with spaces is neither value, and
            // must not run as the exclusive type its author did not mean.
            if ((string?)xml.Attribute("eventGatewayType") is { } type)
                if (type == "Parallel") Problem(xml, element.Id, Reasons.ParallelEventGateway);
                else if (type != "Exclusive") Problem(xml, element.Id, ReasonText.Format(Reasons.EventGatewayTypeUnknown, type));
        }
        if (element.Kind == ElementKind.ReceiveTask && Flag(xml, element.Id, "instantiate", absent: false))
            Problem(xml, element.Id, Reasons.InstantiatingReceiveTask);
        if (Flag(xml, element.Id, "isForCompensation", absent: false))
        {
            Problem(xml, element.Id, Reasons.CompensationActivity);
            element.IsPlaceholder = true;
        }
        foreach (var quantity in new[] { "startQuantity", "completionQuantity" })
            // xsd:integer: « 01 » and « +1 » are 1 too.
            if (xml.Attribute(quantity) is { } attribute
                && !(int.TryParse(attribute.Value.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var count) && count == 1))
                Problem(xml, element.Id, ReasonText.Format(Reasons.QuantityNotOne, quantity, attribute.Value));
    }

    /// <summary>
    /// BPMN 2.0 §10.5.5: each link throw event names exactly one link catch event of the same process level or
    /// sub-process (a link never crosses a sub-process boundary).
    /// </summary>
    private void WireLinks()
    {
        var catches = _order.Where(e => e.Kind == ElementKind.IntermediateCatchEvent && e.Trigger == EventTrigger.Link && e.LinkName is not null)
            .GroupBy(e => (e.ParentId, e.LinkName)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var group in catches.Values.Where(g => g.Count > 1))
            foreach (var duplicate in group.Skip(1))
                Problem(duplicate, ReasonText.Format(Reasons.DuplicateLinkCatch, group[0].Id, duplicate.LinkName));
        foreach (var thrower in _order.Where(e => e.Kind == ElementKind.IntermediateThrowEvent && e.Trigger == EventTrigger.Link && e.LinkName is not null))
        {
            if (catches.TryGetValue((thrower.ParentId, thrower.LinkName), out var targets)) thrower.LinkTargetId = targets[0].Id;
            else Problem(thrower, ReasonText.Format(Reasons.NoLinkCatch, thrower.LinkName));
        }
    }

    /// <summary>
    /// BPMN 2.0 §10.5.6: the targets of an event-based gateway are intermediate catch events (message, timer, signal or
    /// conditional) or receive tasks, and none of them has another incoming flow; a receive task there has no boundary event.
    /// </summary>
    private void CheckEventBasedGateways()
    {
        foreach (var gateway in _order.Where(e => e.Kind == ElementKind.EventBasedGateway))
            foreach (var flow in gateway.Outgoing)
            {
                var target = _elements[flow.TargetRef];
                var isCatch = target.Kind == ElementKind.IntermediateCatchEvent && target.Trigger is EventTrigger.Message or EventTrigger.Timer or EventTrigger.Signal or EventTrigger.Conditional;
                if (!isCatch && target.Kind != ElementKind.ReceiveTask)
                    ProblemAt(gateway.BpmnType, gateway.Id, gateway.Line,
                        ReasonText.Format(Reasons.EventGatewayTarget, flow.Id, flow.Line, ReasonText.Element(target)));
                else if (target.Incoming.Count > 1)
                    ProblemAt(gateway.BpmnType, gateway.Id, gateway.Line,
                        ReasonText.Format(Reasons.EventGatewayTargetShared, ReasonText.Element(target), flow.Id));
                else if (target.Kind == ElementKind.ReceiveTask && target.BoundaryEventIds.Count > 0)
                    ProblemAt(gateway.BpmnType, gateway.Id, gateway.Line,
                        ReasonText.Format(Reasons.EventGatewayReceiveBoundary, ReasonText.Element(target), flow.Id));
                else if (target.Loop is not null)
                    // The gateway waits for the first of its events: a receive task that would wait for several messages is not one.
                    ProblemAt(gateway.BpmnType, gateway.Id, gateway.Line,
                        ReasonText.Format(Reasons.EventGatewayTargetLoop, ReasonText.Element(target), flow.Id));
            }
        foreach (var gateway in _order.Where(e => e.Kind == ElementKind.EventBasedGateway))
        {
            var targets = gateway.Outgoing.Select(f => _elements[f.TargetRef]).ToList();
            // BPMN 2.0 §10.6.6: when message intermediate events follow the gateway, receive tasks must not, and the other way round.
            if (targets.Any(t => t.Kind == ElementKind.ReceiveTask) && targets.Any(t => t.Kind == ElementKind.IntermediateCatchEvent && t.Trigger == EventTrigger.Message))
                ProblemAt(gateway.BpmnType, gateway.Id, gateway.Line, Reasons.EventGatewayMixesReceiveAndCatch);
            SameMessageTwice(targets.Where(t => t.Message is not null));
            // A signal reaches every catch, but the gateway takes one path: the second catch of that signal could never occur.
            foreach (var group in targets.Where(t => t.SignalName is not null).GroupBy(t => t.SignalName).Where(g => g.Count() > 1))
                foreach (var repeat in group.Skip(1))
                    Problem(repeat, ReasonText.Format(Reasons.SameSignalAfterGateway, group.Key!, ReasonText.Element(group.First()), ReasonText.Element(gateway)));
        }
        CheckMessageSubscriptions();
    }

    /// <summary>
    /// One message reaches one catch: two catches armed together for the same message (two boundary events of an activity, a
    /// receive task and its own boundary event, two event sub-processes of a scope, a boundary event and an event
    /// sub-process inside it, a sub-process's boundary event and a catch inside it, two events after one event-based gateway)
    /// would leave one of them never reached, without a word.
    /// Camunda and Zeebe refuse them as well.
    /// </summary>
    private void CheckMessageSubscriptions()
    {
        foreach (var activity in _order.Where(e => e.BoundaryEventIds.Count > 0))
        {
            var armed = activity.BoundaryEventIds.Select(id => _elements[id]).Where(b => b.Message is not null).ToList();
            if (activity.Kind == ElementKind.ReceiveTask && activity.Message is not null) armed.Insert(0, activity);
            // Event sub-processes listen while their scope runs: those of every scope around the activity, and those inside it
            // (at any depth), listen while its boundary events do.
            var around = ScopesAround(activity).ToHashSet();
            armed.AddRange(_order.Where(e => e.Kind == ElementKind.StartEvent && e.Message is not null && e.ParentId is { } esp && _elements[esp].TriggeredByEvent
                && (around.Contains(_elements[esp].ParentId) || ScopesAround(_elements[esp]).Contains(activity.Id))));
            SameMessageTwice(armed);
            // A sub-process's message boundary events listen the whole time it runs, so a receive task or a message catch inside it
            // (at any depth) always waits beside them; the catches inside, one after the other, do not wait beside each other.
            if (activity.Kind == ElementKind.SubProcess && !timers.Stored)
            {
                var boundaries = activity.BoundaryEventIds.Select(id => _elements[id]).Where(b => b.Message is not null).ToList();
                foreach (var inner in _order.Where(e => boundaries.Count > 0 && e.Message is not null
                             && e.Kind is ElementKind.ReceiveTask or ElementKind.IntermediateCatchEvent or ElementKind.BoundaryEvent && ScopesAround(e).Contains(activity.Id)))
                    if (boundaries.FirstOrDefault(b => (b.Message!.MessageName, b.Message.CorrelationKey) == (inner.Message!.MessageName, inner.Message.CorrelationKey)) is { } boundary)
                        Problem(inner, ReasonText.Format(Reasons.SameMessageTwice, inner.Message!.MessageName, ReasonText.Element(boundary)));
            }
        }
        var eventStarts = _order.Where(e => e.Kind == ElementKind.StartEvent && e.Message is not null && e.ParentId is { } p && _elements[p].TriggeredByEvent).ToList();
        foreach (var scope in eventStarts.GroupBy(e => _elements[e.ParentId!].ParentId))
            SameMessageTwice(scope.ToList());
        // An event sub-process's message start listens the whole time its scope runs, so a receive task, a message catch or a
        // nested event sub-process's start inside that scope (at any depth, its own content included) waits beside it: the message
        // would reach one of the two, the other never. (A receive task with boundary events was told above.)
        if (timers.Stored) return;
        foreach (var start in eventStarts)
        {
            var listening = _elements[start.ParentId!].ParentId;
            foreach (var inner in _order.Where(e => e != start && e.Message is not null
                         && (e.Kind == ElementKind.IntermediateCatchEvent || (e.Kind == ElementKind.ReceiveTask && e.BoundaryEventIds.Count == 0)
                             || (eventStarts.Contains(e) && _elements[e.ParentId!].ParentId != listening))
                         && (e.Message.MessageName, e.Message.CorrelationKey) == (start.Message!.MessageName, start.Message.CorrelationKey)
                         && ScopesAround(e).Skip(e.Kind == ElementKind.StartEvent ? 1 : 0).Contains(listening)
                         // An interrupting event sub-process of that scope ends every wait of the scope, its siblings' starts included,
                         // when it occurs: what waits inside it waits alone.
                         && !InsideInterruptingEventSubProcessOf(e, listening)))
                Problem(inner, ReasonText.Format(Reasons.SameMessageTwice, inner.Message!.MessageName, ReasonText.Element(start)));
        }
    }

    /// <summary>Whether <paramref name="element"/> lies inside an interrupting event sub-process whose own scope is <paramref name="scope"/>.</summary>
    private bool InsideInterruptingEventSubProcessOf(FlowElement element, string? scope) =>
        ScopesAround(element).TakeWhile(s => s != scope).Any(s => s is not null && _elements[s] is { TriggeredByEvent: true } esp && esp.ParentId == scope
            && _order.Any(start => start.Kind == ElementKind.StartEvent && start.ParentId == esp.Id && start.IsInterrupting));

    /// <summary>The scopes enclosing <paramref name="element"/>, innermost first, ending with the process (null).</summary>
    private IEnumerable<string?> ScopesAround(FlowElement element)
    {
        for (var scope = element.ParentId; ; scope = _elements[scope].ParentId)
        {
            yield return scope;
            if (scope is null) yield break;
        }
    }

    private void SameMessageTwice(IEnumerable<FlowElement> armedTogether)
    {
        // Catches keyed differently (orc:correlationKey="${a}" and "${b}") wait for different messages of that name.
        foreach (var group in armedTogether.GroupBy(e => (e.Message!.MessageName, e.Message.CorrelationKey)).Where(g => g.Count() > 1))
            foreach (var repeat in group.Skip(1))
                Problem(repeat, ReasonText.Format(Reasons.SameMessageTwice, group.Key.MessageName, ReasonText.Element(group.First())));
    }

    private string? ChooseStart(string? container, XElement xml, string? ownerId)
    {
        var starts = _order.Where(e => e.Kind == ElementKind.StartEvent && e.ParentId == container).ToList();
        var plain = starts.Where(s => s.Trigger == EventTrigger.None).ToList();
        if (container is not null)
        {
            if (starts.Count != 1 || plain.Count != 1)
            {
                Problem(xml, ownerId, Reasons.SubProcessOneStart);
                return null;
            }
            return plain[0].Id;
        }
        if (starts.Count == 0) { Problem(xml, ownerId, Reasons.NoStart); return null; }
        if (plain.Count > 1) { Problem(xml, ownerId, Reasons.SeveralPlainStarts); return null; }
        return (plain.Count == 1 ? plain[0] : starts[0]).Id;
    }

    /// <summary>
    /// An event sub-process has one start event, with a message, timer, signal, error or escalation definition (BPMN 2.0
    /// §10.2.5); an error start always interrupts.
    /// </summary>
    private string? ChooseEventStart(FlowElement eventSubProcess, XElement xml)
    {
        var starts = _order.Where(e => e.Kind == ElementKind.StartEvent && e.ParentId == eventSubProcess.Id).ToList();
        if (starts.Count != 1)
        {
            Problem(xml, eventSubProcess.Id, Reasons.EventSubProcessOneStart);
            return null;
        }
        var start = starts[0];
        // The trigger itself is checked with the start event's own rules (ElementRules).
        if (start.Trigger == EventTrigger.Error && !start.IsInterrupting)
            Problem(start, Reasons.ErrorStartInterrupts);
        return start.Id;
    }

    /// <summary>
    /// The <c>xsd:boolean</c> attribute <paramref name="attribute"/> of <paramref name="xml"/> (<see cref="XsdBoolean"/>); <paramref name="absent"/>
    /// when it is not there. Any other text is refused, naming the attribute and what it holds.
    /// </summary>
    private bool Flag(XElement xml, string? id, string attribute, bool absent)
    {
        if (xml.Attribute(attribute) is not { } written) return absent;
        if (XsdBoolean.TryParse(written.Value, out var value)) return value;
        Problem(xml, id, ReasonText.Format(Reasons.NotABoolean, attribute, written.Value));
        return absent;
    }

    /// <summary>
    /// The second child <paramref name="name"/> of <paramref name="parent"/>, for a child the schema allows once: only the first is
    /// read, so a second is refused rather than dropped without a word. Null when there is none.
    /// </summary>
    private static XElement? Second(XElement parent, string name) => parent.Elements(Bpmn + name).Skip(1).FirstOrDefault();

    private void Problem(XElement xml, string? id, string reason) => ProblemAt(xml.Name.LocalName, id, BpmnParser.LineOf(xml), reason);

    private void Problem(FlowElement element, string reason) => ProblemAt(element.BpmnType, element.Id, element.Line, reason);

    /// <summary>
    /// An element's own problem, except that one at either end of a flow refused for crossing a sub-process's boundary is not also
    /// told it has no way in or out: the flow is there, and the refusal of the flow is the one thing to fix.
    /// </summary>
    private void WiringProblem(FlowElement element, string reason)
    {
        if (_crossingEnds.Contains(element.Id) && Wiring.Contains(reason)) return;
        Problem(element, reason);
    }

    private static HashSet<string> Wiring => // read each time: the reasons are in the culture of the request
        [Reasons.Unreachable, Reasons.BoundaryNeedsOutgoing, Reasons.StartNeedsOutgoing, Reasons.GatewayNeedsOutgoing, Reasons.LinkCatchNeedsOutgoing, Reasons.IntermediateNeedsOutgoing];
    private readonly HashSet<string> _crossingEnds = new();

    private void FlowProblem(SequenceFlow flow, string reason) => ProblemAt("sequenceFlow", flow.Id, flow.Line, reason);

    private void ProblemAt(string type, string? id, int line, string reason) => problems.Add(new BpmnProblem(type, id, line, reason));
}
