namespace Orchestrator.Workflows.Model;

/// <summary>
/// The multi-instance loop of an activity (BPMN 2.0 §10.2.8, <c>multiInstanceLoopCharacteristics</c>): the activity
/// runs once per item of <see cref="Collection"/> (each instance sees its item as <see cref="ElementVariable"/>), or
/// <see cref="Cardinality"/> times, all at once or one after the other. After each instance completes,
/// <see cref="CompletionCondition"/> may end the loop early, cancelling the instances still running (e.g. a handoff
/// proposed to three structures at once that stops at the first acceptance).
/// </summary>
/// <param name="Sequential">One instance at a time (<c>isSequential="true"</c>); else all at once.</param>
/// <param name="Cardinality">How many instances: a number or a <c>${…}</c> yielding one (<c>loopCardinality</c>).</param>
/// <param name="Collection">A <c>${…}</c> (or a variable name) yielding the list to run over (<c>orc:collection</c>, or Camunda's <c>camunda:collection</c>).</param>
/// <param name="ElementVariable">The variable each instance sees its item as (<c>orc:elementVariable</c>).</param>
/// <param name="CompletionCondition">A boolean <c>${…}</c> checked after each instance completes.</param>
/// <param name="OutputCollection">The variable that receives, once the loop ends, the list of every instance's <see cref="OutputElement"/>, in loop order.</param>
/// <param name="OutputElement">A <c>${…}</c> evaluated in each instance as it completes.</param>
/// <param name="Line">The line of <c>multiInstanceLoopCharacteristics</c> in the BPMN file (1-based), for validation messages.</param>
public sealed record MultiInstanceLoop(bool Sequential, string? Cardinality, string? Collection, string? ElementVariable,
    string? CompletionCondition, string? OutputCollection, string? OutputElement, int Line)
{
    /// <summary>The variables every instance sees besides the process variables (BPMN 2.0 §10.2.8 and common engines).</summary>
    public static readonly IReadOnlyList<string> BuiltInVariables = ["loopCounter", "nrOfInstances", "nrOfCompletedInstances", "nrOfActiveInstances"];
}
