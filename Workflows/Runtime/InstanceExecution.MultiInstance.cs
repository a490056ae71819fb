using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

/// <summary>
/// Multi-instance activities (BPMN 2.0 §10.2.8). The token arriving at the activity becomes the loop's body: a scope that
/// holds the activity's boundary events and, as child tokens, its instances, all at once (parallel) or one after the
/// other (sequential). Each instance sees <c>loopCounter</c> and its element variable besides the process variables;
/// expressions also see <c>nrOfInstances</c>, <c>nrOfCompletedInstances</c> and <c>nrOfActiveInstances</c>. After each
/// instance completes, the completion condition may end the loop early: the instances still running are cancelled (their
/// tasks with them) and the body leaves by the activity's outgoing flows.
/// </summary>
internal sealed partial class InstanceExecution
{
    private void StartLoop(Token body, FlowElement element)
    {
        var loop = element.Loop!;
        var state = new MultiInstanceState();
        var scope = VariablesFor(body);
        if (loop.Collection is { } collection)
        {
            var value = Evaluate(element, "orc:collection", collection, scope);
            state.Items = value as JsonArray ?? throw new StepFailedException("multi-instance", element.BpmnType, element.Id,
                $"orc:collection {collection} yields {Describe(value)}, not a list");
            state.Total = state.Items.Count;
        }
        else
        {
            var computed = ExpressionEvaluator.IsExpression(loop.Cardinality!);
            var value = computed ? Evaluate(element, "loopCardinality", loop.Cardinality!, scope) : loop.Cardinality;
            var number = value switch
            {
                double d => d,
                JsonValue j when j.GetValueKind() == System.Text.Json.JsonValueKind.Number && j.TryGetValue<double>(out var d) => d,
                // Only the number written in the file is text; a text an expression yields (« 2 » + 1 is « 21 ») is no count.
                string s when !computed && double.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) => d,
                _ => double.NaN,
            };
            if (number is < 0 or > 100_000 || double.IsNaN(number) || number != Math.Floor(number))
                throw new StepFailedException("multi-instance", element.BpmnType, element.Id,
                    $"loopCardinality {loop.Cardinality} yields {Describe(value)}, not a whole number from 0 to 100000");
            state.Total = (int)number;
        }
        if (loop.OutputCollection is not null) state.Outputs = new JsonArray(Enumerable.Range(0, state.Total).Select(_ => (JsonNode?)null).ToArray());
        body.Loop = state;
        body.Status = TokenStatus.Scope;
        History(element, HistoryEvent.Entered);
        CreateBoundaryBookmarks(body, element);
        if (state.Total == 0)
        {
            EndLoop(body, element);
            return;
        }
        var first = loop.Sequential ? 1 : state.Total;
        for (var i = 0; i < first; i++) StartLoopInstance(body, element);
    }

    private void StartLoopInstance(Token body, FlowElement element)
    {
        var state = body.Loop!;
        var index = state.Started++;
        var instance = State.Add(element.Id, body.Id);
        instance.LoopCounter = index;
        if (element.Loop!.ElementVariable is { } name && state.Items is { } items)
            instance.Locals = new JsonObject { [name] = items[index]?.DeepClone() };
        // The variable the loop collects (orc:outputElement="${vote}") is each instance's own, as Zeebe makes it: what a task of
        // this instance writes under that name stays here (see WriteAt), so that an instance finishing later does not collect
        // another's answer, written meanwhile into the process variables. A name an output expression reads is the instance's
        // own from the instance's first write of it (see WriteAt), not before: until then the instance reads the process's
        // value, live (a director's approval given meanwhile is seen), and nothing it did not write goes back out (see HandOn).
        if (CollectedVariable(element.Loop) is { } collected && (instance.Locals is null || !instance.Locals.ContainsKey(collected)))
            (instance.Locals ??= new JsonObject())[collected] = null;
        _ready.Enqueue(instance);
    }

    /// <summary>What the engine gives each loop instance to read, never its own variables.</summary>
    private static readonly HashSet<string> LoopNames = new(StringComparer.Ordinal) { "loopCounter", "nrOfInstances", "nrOfCompletedInstances", "nrOfActiveInstances" };

    /// <summary>The variable a loop's <c>orc:outputElement</c> names when it is just a variable (<c>${vote}</c>), else null.</summary>
    private static string? CollectedVariable(MultiInstanceLoop loop) =>
        loop.OutputElement is { } output && PlainVariable().Match(output) is { Success: true } match ? match.Groups[1].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\$\{\s*([A-Za-z_$][A-Za-z0-9_$]*)\s*\}$")]
    private static partial System.Text.RegularExpressions.Regex PlainVariable();

    /// <summary>
    /// Writes what an element at <paramref name="token"/> produced (a task's answers, a message's payload): each value goes to the
    /// innermost loop instance around the token that holds a variable of that name (its element variable, the variable it
    /// collects), else to the process variables (BPMN 2.0 §10.2.8 leaves scoping to the engine; Zeebe and Camunda propagate a
    /// variable to the nearest scope that has it).
    /// </summary>
    private void WriteAt(Token? token, JsonObject? values)
    {
        if (values is null) return;
        foreach (var (name, value) in values) WriteAt(token, name, value?.DeepClone());
    }

    /// <summary>Writes one variable as <see cref="WriteAt(Token?, JsonObject?)"/> does; <paramref name="value"/> is taken as it is (not copied).</summary>
    private void WriteAt(Token? token, string name, JsonNode? value)
    {
        var target = TargetOf(token, name);
        // This write is newer than any answer a parallel loop still holds for the same variable: it must not come back over it.
        DropSuperseded(name, target, keptBy: null);
        if (target is null) Write(name, value);
        else (target.Locals ??= new JsonObject())[name] = value;
    }

    /// <summary>
    /// Where a write of <paramref name="name"/> at <paramref name="token"/> lands: the innermost scope around it that holds the name
    /// (or a loop instance whose output expression reads it: « ${vote === 'oui'} » reads this instance's answer, from its first
    /// write; it goes on out when the instance completes, see HandOn); null for the process variables.
    /// </summary>
    private Token? TargetOf(Token? token, string name)
    {
        foreach (var scope in ScopeChain(token))
            if (scope.Locals?.ContainsKey(name) == true || (scope.IsLoopInstance && OutputReads(scope, name))) return scope;
        return null;
    }

    /// <summary>
    /// Forgets what parallel loops other than <paramref name="keptBy"/> hold to hand on under <paramref name="name"/> to
    /// <paramref name="target"/> (null: the process variables): a write there is newer, and the later answer is the one read
    /// after both (a director's decision taken in a parallel branch while the loop was still running is not overwritten by an
    /// instance's answer given before it, as Camunda and Zeebe, which write at once, keep the later one).
    /// </summary>
    private void DropSuperseded(string name, Token? target, Token? keptBy)
    {
        foreach (var body in State.Tokens)
            if (body != keptBy && body.Loop?.HandedOn is { } handedOn && handedOn.ContainsKey(name) && TargetOf(body, name) == target)
                handedOn.Remove(name);
    }

    /// <summary>
    /// What a completed instance kept as its own while it ran, beyond its item and a plain collected variable (a name its output
    /// expression reads, what its service tasks' activities wrote), goes on out as any write would: to an outer loop's instance
    /// holding it, else the process variables. A sequential loop's next instance starts from it; a parallel loop's is kept on the
    /// loop until it ends (see EndLoop), so that instances running side by side never read each other's, an instance that never
    /// answered collecting nothing rather than a sibling's answer. Either way the answer that ended the loop is read after it.
    /// </summary>
    private void HandOn(Token instance, Token body, bool sequential)
    {
        if (instance.Locals is null) return;
        foreach (var (name, value) in instance.Locals.ToList())
            if (OutputReads(instance, name) || instance.Shared?.Contains(name) == true)
            {
                if (sequential) WriteAt(body, name, value?.DeepClone());
                else
                {
                    DropSuperseded(name, TargetOf(body, name), keptBy: body);
                    (body.Loop!.HandedOn ??= new JsonObject())[name] = value?.DeepClone();
                }
            }
    }

    /// <summary>Whether the output expression of the loop <paramref name="instance"/> belongs to reads <paramref name="name"/> (not its item, counters or a built-in).</summary>
    private bool OutputReads(Token instance, string name) =>
        Model[instance.ElementId].Loop is { OutputElement: { } output } loop && CollectedVariable(loop) is null && name != loop.ElementVariable
        && !LoopNames.Contains(name) && !ReservedNames.Contains(name) && ReadNames.Of(output).Contains(name);

    /// <summary><paramref name="token"/>, then the scope tokens around it, innermost first (none for a null token).</summary>
    private IEnumerable<Token> ScopeChain(Token? token)
    {
        for (var t = token; t is not null; t = t.ScopeId is { } id ? State.Find(id) : null) yield return t;
    }

    /// <summary>One instance has completed: keep its output, then start the next, or end the loop.</summary>
    private void CompleteLoopInstance(Token instance, FlowElement element)
    {
        var body = State.Find(instance.ScopeId!.Value)!;
        var state = body.Loop!;
        var loop = element.Loop!;
        var scope = VariablesFor(instance);
        if (loop.OutputElement is { } output)
            state.Outputs![instance.LoopCounter!.Value] = Values.ToNode(Evaluate(element, "orc:outputElement", output, scope));
        HandOn(instance, body, loop.Sequential);
        State.Tokens.Remove(instance);
        RemoveBookmarksOf(instance, cancelTasks: true);
        state.Completed++;
        var done = state.Completed == state.Total;
        if (!done && loop.CompletionCondition is { } condition)
        {
            scope["nrOfCompletedInstances"] = state.Completed;
            scope["nrOfActiveInstances"] = ActiveInstances(body);
            // The collection so far (null where an instance has not completed), as Zeebe fills it: « stop at the second refusal »
            // reads this loop's answers, not nothing, nor a list of the same name left by an earlier round.
            if (loop.OutputCollection is { } collection) scope[collection] = state.Outputs!.DeepClone();
            try
            {
                done = ConditionExpression.Evaluate(condition, scope);
            }
            catch (ExpressionException e)
            {
                throw new StepFailedException("condition", element.BpmnType, element.Id,
                    $"the completionCondition {condition} cannot be decided: {e.Reason}", e);
            }
        }
        if (done)
        {
            // The instances still running are no longer needed (BPMN 2.0 §10.2.8: the remaining instances are cancelled).
            foreach (var other in State.Tokens.Where(t => t.ScopeId == body.Id).ToList())
                if (State.Tokens.Contains(other)) CancelToken(other);
            EndLoop(body, element);
        }
        else if (loop.Sequential) StartLoopInstance(body, element);
    }

    private void EndLoop(Token body, FlowElement element)
    {
        WriteGathered(body, element);
        RemoveBookmarksOf(body, cancelTasks: true);
        body.Loop = null;
        // The activity as a whole ends here, as it was entered as a whole before its instances: its history says both.
        History(element, HistoryEvent.Completed);
        Leave(body, element);
    }

    /// <summary>
    /// Writes out what the loop <paramref name="body"/> gathered from its completed instances: what the parallel ones handed on, in the
    /// order they completed (the last one's answer is read after the loop), then the output collection as it stands (null where an
    /// instance did not complete). Called when the loop ends, and when it is interrupted (a boundary event on it, an error, a
    /// terminate end): the answers given before the interruption are kept, not dropped with the loop.
    /// </summary>
    private void WriteGathered(Token body, FlowElement element)
    {
        var state = body.Loop!;
        if (state.HandedOn is { } handedOn)
            foreach (var (handed, value) in handedOn.ToList())
            {
                handedOn.Remove(handed);
                WriteAt(body, handed, value);
            }
        // Where the loop stands: an outer loop's instance that collects this list keeps it as its own.
        if (element.Loop!.OutputCollection is { } name && state.Outputs is { } outputs)
        {
            state.Outputs = null;
            WriteAt(body, name, outputs);
        }
    }

    private int ActiveInstances(Token body) => State.Tokens.Count(t => t.ScopeId == body.Id && t.IsLoopInstance);

    /// <summary>
    /// The variables an expression at <paramref name="token"/> sees: the process variables, and, inside a multi-instance
    /// activity, the loop's own (its counters, each instance's element variable), the innermost first. Without a loop
    /// around it, the process variables themselves (no copy).
    /// </summary>
    private JsonObject VariablesFor(Token? token)
    {
        JsonObject? view = null;
        HashSet<string>? set = null;
        // A plain walk, not ScopeChain: every condition reads its variables through here, most often with no loop around it.
        for (var t = token; t is not null; t = t.ScopeId is { } id ? State.Find(id) : null)
        {
            if (t.Locals is null && t.LoopCounter is null && t.Loop is null) continue;
            view ??= (JsonObject)Variables.DeepClone();
            set ??= new HashSet<string>(StringComparer.Ordinal);
            void Put(string name, JsonNode? value)
            {
                if (set.Add(name)) view[name] = value;
            }
            if (t.LoopCounter is { } counter) Put("loopCounter", counter);
            foreach (var (name, value) in t.Locals ?? []) Put(name, value?.DeepClone());
            if (t.Loop is { } state)
            {
                Put("nrOfInstances", state.Total);
                Put("nrOfCompletedInstances", state.Completed);
                Put("nrOfActiveInstances", ActiveInstances(t));
            }
        }
        return view ?? Variables;
    }

    /// <summary>A user task of a loop over a list says which item it is for (e.g. « Proposer l'orientation (LHSS Nord) »).</summary>
    private string LoopTaskName(Token token, FlowElement element)
    {
        var name = element.Name ?? element.Id;
        if (!token.IsLoopInstance || element.Loop?.ElementVariable is not { } variable) return name;
        var item = token.Locals?[variable];
        var label = item switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            JsonObject o when (o["name"] ?? o["label"] ?? o["id"]) is JsonValue named => named.ToString(),
            _ => null,
        };
        return label is null ? name : $"{name} ({label})";
    }

    private static object? Evaluate(FlowElement element, string what, string text, JsonObject scope)
    {
        try
        {
            return ExpressionEvaluator.Evaluate(text, scope);
        }
        catch (ExpressionException e)
        {
            throw new StepFailedException("multi-instance", element.BpmnType, element.Id, $"{what} {text}: {e.Reason}", e);
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "nothing (null)",
        string s => $"the text '{s}'",
        double d => $"the number {d.ToString(CultureInfo.InvariantCulture)}",
        bool b => b ? "true" : "false",
        JsonNode n => n.ToJsonString(),
        var other => other.GetType().Name,
    };
}
