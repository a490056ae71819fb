using System.Text.Json.Nodes;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Workflows.Runtime;

/// <summary>
/// Variables across call activities. In: the <c>orc:in</c> mappings, or else a copy of every caller variable. Out: the
/// <c>orc:out</c> mappings, or else only what the called process wrote, so a callee that merely carried a copy of a
/// variable never puts back an old value over what a parallel branch of the caller set meanwhile.
/// </summary>
internal sealed partial class InstanceExecution
{
    private const string CalledVariables = "$variables", CalledWrote = "$written";

    private JsonObject CalleeVariables(FlowElement callActivity, Token token)
    {
        var scope = VariablesFor(token);
        if (callActivity.InputMappings.Count == 0) return (JsonObject)scope.DeepClone();
        var given = new JsonObject();
        foreach (var mapping in callActivity.InputMappings) given[mapping.Target] = Map(mapping, scope, callActivity, "orc:in");
        return given;
    }

    /// <summary>What a called instance sends back when it ends: all its variables and the names of those it wrote.</summary>
    private JsonObject CallResult() => new()
    {
        [CalledVariables] = Variables.DeepClone(),
        [CalledWrote] = new JsonArray((State.Written ?? []).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
    };

    /// <summary>What the called instance gives back, written where the call activity's token sees it (see <see cref="WriteAt(Token?, JsonObject?)"/>).</summary>
    private void MergeCallResult(FlowElement callActivity, Token token, JsonObject? result)
    {
        if (result?[CalledVariables] is not JsonObject calleeVariables)
        {
            WriteAt(token, result); // sent by a version that returned every variable
            return;
        }
        if (callActivity.OutputMappings.Count > 0)
        {
            foreach (var mapping in callActivity.OutputMappings) WriteAt(token, mapping.Target, Map(mapping, calleeVariables, callActivity, "orc:out"));
            return;
        }
        var written = (result[CalledWrote] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().ToList();
        // A deadline of this process, bounded by law and set by an administrator, is not the callee's to change.
        if (Model.Parameters.FirstOrDefault(p => written.Contains(p.Name)) is { } parameter)
            throw new StepFailedException("mapping", callActivity.BpmnType, callActivity.Id,
                $"the called process wrote '{parameter.Name}', a parameter of this process (a deadline only an administrator sets): give it another name, or map what comes back with orc:out");
        foreach (var name in written)
            WriteAt(token, name, calleeVariables[name]?.DeepClone());
    }

    private static JsonNode? Map(VariableMapping mapping, JsonObject from, FlowElement callActivity, string what)
    {
        if (mapping.Source is { } source)
            return from.TryGetPropertyValue(source, out var value)
                ? value?.DeepClone()
                : throw new StepFailedException("mapping", callActivity.BpmnType, callActivity.Id,
                    $"{what} '{mapping.Target}' reads variable '{source}', which does not exist");
        try
        {
            return Values.ToNode(ExpressionEvaluator.Evaluate(mapping.Expression!, from));
        }
        catch (ExpressionException e)
        {
            throw new StepFailedException("mapping", callActivity.BpmnType, callActivity.Id, $"{what} '{mapping.Target}': {e.Reason}", e);
        }
    }

    /// <summary>Sets a variable and, in a called instance, remembers that it wrote it.</summary>
    private void Write(string name, JsonNode? value)
    {
        Variables[name] = value;
        if (Record.ParentInstanceId is not null) (State.Written ??= new SortedSet<string>(StringComparer.Ordinal)).Add(name);
    }
}
