namespace Orchestrator.Workflows.Model;

/// <summary>
/// One executable node of a process. A single shape carries the optional parts of every kind so the
/// runtime can switch on <see cref="Kind"/> without casts; the parser fills only what applies.
/// </summary>
public sealed class FlowElement
{
    internal FlowElement(string id, ElementKind kind, string bpmnType, int line)
    {
        Id = id;
        Kind = kind;
        BpmnType = bpmnType;
        Line = line;
    }

    public string Id { get; }
    public ElementKind Kind { get; }
    /// <summary>The XML local name (<c>userTask</c>, <c>boundaryEvent</c>…), kept for history and messages.</summary>
    public string BpmnType { get; }
    public int Line { get; }
    public string? Name { get; internal set; }
    /// <summary>The enclosing sub-process, or null at process level.</summary>
    public string? ParentId { get; internal set; }

    public IReadOnlyList<SequenceFlow> Incoming { get; internal set; } = [];
    public IReadOnlyList<SequenceFlow> Outgoing { get; internal set; } = [];
    public string? DefaultFlowId { get; internal set; }

    public EventTrigger Trigger { get; internal set; }
    public TimerDefinition? Timer { get; internal set; }
    public MessageSubscription? Message { get; internal set; }
    /// <summary>
    /// The <c>errorCode</c> an error end event throws, or a boundary error event catches; null on a boundary error
    /// event without <c>errorRef</c>, which catches every error.
    /// </summary>
    public string? ErrorCode { get; internal set; }
    /// <summary>
    /// The <c>escalationCode</c> an escalation event throws, or a boundary or event sub-process start catches; null on a
    /// catch without <c>escalationRef</c>, which catches every escalation.
    /// </summary>
    public string? EscalationCode { get; internal set; }

    /// <summary>The code an error or escalation event throws or catches (<see cref="ErrorCode"/> or <see cref="EscalationCode"/> by its trigger); null for a catch-all.</summary>
    internal string? ThrownOrCaughtCode => Trigger == EventTrigger.Error ? ErrorCode : EscalationCode;
    /// <summary>The <c>name</c> of a link event's definition; a throw jumps to the catch of the same name.</summary>
    public string? LinkName { get; internal set; }

    /// <summary>The <c>${…}</c> condition of a conditional event (<see cref="EventTrigger.Conditional"/>): it occurs when this becomes true.</summary>
    public string? EventCondition { get; internal set; }
    /// <summary>On a link throw event: the id of the link catch event it jumps to.</summary>
    public string? LinkTargetId { get; internal set; }
    /// <summary>The name of the <c>bpmn:signal</c> a signal event throws or catches.</summary>
    public string? SignalName { get; internal set; }

    public string? AttachedToRef { get; internal set; }
    public bool CancelActivity { get; internal set; } = true;
    public IReadOnlyList<string> BoundaryEventIds { get; internal set; } = [];

    /// <summary>Sub-process children's start event.</summary>
    public string? StartEventId { get; internal set; }

    /// <summary>
    /// An event sub-process (<c>triggeredByEvent="true"</c>, BPMN 2.0 §10.2.5): no sequence flow reaches it; its start
    /// event's trigger starts it while its enclosing scope (the process or a sub-process) runs.
    /// </summary>
    public bool TriggeredByEvent { get; internal set; }

    /// <summary>
    /// A refused element (a complex gateway, a script task with a script…) kept in the graph while the file is validated, so
    /// that the problems of its flows and neighbours are not reported on top of its refusal; a model with one is never built.
    /// </summary>
    internal bool IsPlaceholder { get; set; }

    /// <summary>A start event of an event sub-process: whether it interrupts its enclosing scope (<c>isInterrupting</c>, default true).</summary>
    public bool IsInterrupting { get; internal set; } = true;

    /// <summary>The multi-instance loop of an activity (<c>multiInstanceLoopCharacteristics</c>), or null.</summary>
    public MultiInstanceLoop? Loop { get; internal set; }

    public string? Role { get; internal set; }
    public string? DueIn { get; internal set; }
    public IReadOnlyList<FormField> Fields { get; internal set; } = [];

    public string? ActivityType { get; internal set; }
    public IReadOnlyDictionary<string, string> Inputs { get; internal set; } = new Dictionary<string, string>();

    public string? CalledElement { get; internal set; }

    /// <summary>
    /// A call activity's <c>orc:in</c> mappings. None: the called process gets a copy of every variable. Some: it
    /// gets only these.
    /// </summary>
    public IReadOnlyList<VariableMapping> InputMappings { get; internal set; } = [];

    /// <summary>
    /// A call activity's <c>orc:out</c> mappings. None: only the variables the called process wrote come back.
    /// Some: only these come back.
    /// </summary>
    public IReadOnlyList<VariableMapping> OutputMappings { get; internal set; } = [];

    /// <summary>Every <c>orc:*</c> attribute, for activities and the designer.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; internal set; } = new Dictionary<string, string>();

    /// <summary>Whether the element is one of BPMN's activities (a task of any kind, a sub-process, a call activity), not an event or a gateway.</summary>
    public bool IsActivity => Kind is ElementKind.UserTask or ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.ReceiveTask
        or ElementKind.ManualTask or ElementKind.Task or ElementKind.SubProcess or ElementKind.CallActivity;

    public bool IsWaitingActivity => Kind is ElementKind.UserTask or ElementKind.ReceiveTask
        or ElementKind.SubProcess or ElementKind.CallActivity or ElementKind.ServiceTask;

    /// <summary>The element as messages name it: its BPMN type and id, e.g. <c>userTask 'dipc'</c>.</summary>
    public override string ToString() => $"{BpmnType} '{Id}'";
}
