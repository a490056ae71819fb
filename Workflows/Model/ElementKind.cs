namespace Orchestrator.Workflows.Model;

/// <summary>The BPMN element families the engine executes. Anything else is rejected at validation.</summary>
public enum ElementKind
{
    StartEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    BoundaryEvent,
    UserTask,
    ServiceTask,
    SendTask,
    ReceiveTask,
    ManualTask,
    Task,
    ExclusiveGateway,
    ParallelGateway,
    InclusiveGateway,
    EventBasedGateway,
    SubProcess,
    CallActivity,
}
