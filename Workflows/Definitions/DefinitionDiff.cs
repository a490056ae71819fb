using Orchestrator.Workflows.Model;

namespace Orchestrator.Workflows.Definitions;

/// <summary>
/// What changed between two versions, element by element: the executable meaning only (names, roles,
/// deadlines, timers, activities and their inputs, form fields, flows and conditions, parameters), not the layout.
/// </summary>
public static class DefinitionDiff
{
    /// <summary>
    /// The differences from <paramref name="before"/> to <paramref name="after"/>: elements added, removed or changed (name, role,
    /// deadline, timer, fields), flows reconnected or with another condition, parameters added or with another default. Details are in
    /// French, for the administrator who publishes.
    /// </summary>
    public static IReadOnlyList<DefinitionChange> Compare(ProcessModel before, ProcessModel after)
    {
        var changes = new List<DefinitionChange>();
        var old = before.Elements.ToDictionary(e => e.Id);
        var now = after.Elements.ToDictionary(e => e.Id);
        foreach (var element in after.Elements.Where(e => !old.ContainsKey(e.Id)))
            changes.Add(new(DefinitionChangeKind.Added, element.BpmnType, element.Id, element.Name ?? ""));
        foreach (var element in before.Elements.Where(e => !now.ContainsKey(e.Id)))
            changes.Add(new(DefinitionChangeKind.Removed, element.BpmnType, element.Id, element.Name ?? ""));
        foreach (var element in after.Elements.Where(e => old.ContainsKey(e.Id)))
        {
            var details = Describe(old[element.Id], element).ToList();
            if (details.Count > 0) changes.Add(new(DefinitionChangeKind.Changed, element.BpmnType, element.Id, string.Join(" ; ", details)));
        }
        var oldFlows = before.Flows.ToDictionary(f => f.Id);
        var newFlows = after.Flows.ToDictionary(f => f.Id);
        foreach (var flow in after.Flows.Where(f => !oldFlows.ContainsKey(f.Id)))
            changes.Add(new(DefinitionChangeKind.Added, "sequenceFlow", flow.Id, $"{flow.SourceRef} → {flow.TargetRef}"));
        foreach (var flow in before.Flows.Where(f => !newFlows.ContainsKey(f.Id)))
            changes.Add(new(DefinitionChangeKind.Removed, "sequenceFlow", flow.Id, $"{flow.SourceRef} → {flow.TargetRef}"));
        foreach (var flow in after.Flows.Where(f => oldFlows.ContainsKey(f.Id)))
        {
            var previous = oldFlows[flow.Id];
            var details = new List<string>();
            if (previous.SourceRef != flow.SourceRef || previous.TargetRef != flow.TargetRef)
                details.Add($"relie {previous.SourceRef} → {previous.TargetRef} devient {flow.SourceRef} → {flow.TargetRef}");
            Compare(details, "condition", previous.Condition, flow.Condition);
            if (details.Count > 0) changes.Add(new(DefinitionChangeKind.Changed, "sequenceFlow", flow.Id, string.Join(" ; ", details)));
        }
        var oldParameters = before.Parameters.ToDictionary(p => p.Name);
        foreach (var parameter in after.Parameters)
        {
            if (!oldParameters.TryGetValue(parameter.Name, out var previous))
                changes.Add(new(DefinitionChangeKind.Added, "parameter", parameter.Name, parameter.DefaultValue));
            else if (previous.DefaultValue != parameter.DefaultValue)
                changes.Add(new(DefinitionChangeKind.Changed, "parameter", parameter.Name, $"{previous.DefaultValue} → {parameter.DefaultValue}"));
        }
        foreach (var parameter in before.Parameters.Where(p => after.Parameters.All(n => n.Name != p.Name)))
            changes.Add(new(DefinitionChangeKind.Removed, "parameter", parameter.Name, parameter.DefaultValue));
        return changes;
    }

    private static IEnumerable<string> Describe(FlowElement before, FlowElement after)
    {
        var details = new List<string>();
        if (before.BpmnType != after.BpmnType) details.Add($"type {before.BpmnType} → {after.BpmnType}");
        Compare(details, "nom", before.Name, after.Name);
        Compare(details, "rôle", before.Role, after.Role);
        Compare(details, "échéance", before.DueIn, after.DueIn);
        Compare(details, "minuterie", Timer(before.Timer), Timer(after.Timer));
        Compare(details, "activité", before.ActivityType, after.ActivityType);
        Compare(details, "message", before.Message?.MessageName, after.Message?.MessageName);
        Compare(details, "processus appelé", before.CalledElement, after.CalledElement);
        Compare(details, "interrompt", before.CancelActivity.ToString(), after.CancelActivity.ToString());
        foreach (var name in before.Inputs.Keys.Union(after.Inputs.Keys).Order())
            Compare(details, $"entrée {name}", before.Inputs.GetValueOrDefault(name), after.Inputs.GetValueOrDefault(name));
        foreach (var name in before.Fields.Select(f => f.Name).Union(after.Fields.Select(f => f.Name)).Order())
            Compare(details, $"champ {name}", Field(before.Fields.FirstOrDefault(f => f.Name == name)), Field(after.Fields.FirstOrDefault(f => f.Name == name)));
        return details;
    }

    private static string? Timer(TimerDefinition? timer) => timer is null ? null
        : $"{timer.Kind switch { TimerKind.Duration => "durée", TimerKind.Date => "date", _ => "cycle" }} {timer.Expression}";

    private static string? Field(FormField? field) => field is null
        ? null
        : $"{field.Type}{(field.Required ? " obligatoire" : "")}{(field.Values.Count > 0 ? " [" + string.Join(",", field.Values) + "]" : "")}";

    private static void Compare(List<string> details, string what, string? before, string? after)
    {
        if (before == after) return;
        details.Add($"{what} : {before ?? "—"} → {after ?? "—"}");
    }
}
