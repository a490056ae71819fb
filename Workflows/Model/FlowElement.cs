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

    /// <summary>The element's BPMN <c>id</c>, unique within the process.</summary>
    public string Id { get; }
    /// <summary>The element family the engine executes it as.</summary>
    public ElementKind Kind { get; }
    /// <summary>The XML local name (<c>userTask</c>, <c>boundaryEvent</c>…), kept for history and messages.</summary>
    public string BpmnType { get; }
    /// <summary>The line of the element in the BPMN file (1-based), for validation messages.</summary>
    public int Line { get; }
    /// <summary>The element's <c>name</c> as shown on the diagram; null when it has none.</summary>
    public string? Name { get; internal set; }
    /// <summary>The enclosing sub-process, or null at process level.</summary>
    public string? ParentId { get; internal set; }

    /// <summary>The sequence flows that enter the element.</summary>
    public IReadOnlyList<SequenceFlow> Incoming { get; internal set; } = [];
    /// <summary>The sequence flows that leave the element, in document order.</summary>
    public IReadOnlyList<SequenceFlow> Outgoing { get; internal set; } = [];
    /// <summary>A gateway's or activity's <c>default</c> flow id, taken when no other condition holds; null when it has none.</summary>
    public string? DefaultFlowId { get; internal set; }

    /// <summary>An event's event definition; <see cref="EventTrigger.None"/> for other elements.</summary>
    public EventTrigger Trigger { get; internal set; }
    /// <summary>A timer event's definition; null otherwise.</summary>
    public TimerDefinition? Timer { get; internal set; }
    /// <summary>The message a message event or receive task waits for; null otherwise.</summary>
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

    /// <summary>A boundary event's host activity id (<c>attachedToRef</c>); null for other elements.</summary>
    public string? AttachedToRef { get; internal set; }
    /// <summary>Whether a boundary event interrupts its host (<c>cancelActivity</c>, true by default).</summary>
    public bool CancelActivity { get; internal set; } = true;
    /// <summary>The ids of the boundary events attached to this activity.</summary>
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

    /// <summary>A user task's staff role (<c>orc:role</c>: social-worker, nurse…); null when anyone of the structure may do it.</summary>
    public string? Role { get; internal set; }
    /// <summary>A user task's deadline (<c>orc:dueIn</c>): an ISO 8601 duration from its creation, or an expression giving one; null for none.</summary>
    public string? DueIn { get; internal set; }
    /// <summary>A user task's form fields (<c>orc:field</c>), in document order.</summary>
    public IReadOnlyList<FormField> Fields { get; internal set; } = [];

    /// <summary>A service task's activity type in the catalog (<c>orc:activity</c>); null otherwise.</summary>
    public string? ActivityType { get; internal set; }
    /// <summary>A service task's inputs (<c>orc:input</c>), by name: literal text or an expression evaluated when the task runs.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; internal set; } = new Dictionary<string, string>();

    /// <summary>A call activity's called definition key (<c>calledElement</c>); null otherwise.</summary>
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

    /// <summary>Whether the element is an activity that can hold a token while it waits, so that a boundary event may be attached to it.</summary>
    public bool IsWaitingActivity => Kind is ElementKind.UserTask or ElementKind.ReceiveTask
        or ElementKind.SubProcess or ElementKind.CallActivity or ElementKind.ServiceTask;

    /// <summary>The element as messages name it: its BPMN type and id, e.g. <c>userTask 'dipc'</c>.</summary>
    public override string ToString() => $"{BpmnType} '{Id}'";
}
