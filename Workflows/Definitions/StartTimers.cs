using System.Text.Json.Nodes;
using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Timing;

namespace Orchestrator.Workflows.Definitions;

/// <summary>The pending starts of a published version's timer start events, as timer bookmarks that belong to no instance.</summary>
internal static class StartTimers
{
    public static List<BookmarkRecord> Plan(ProcessModel model, Guid definitionId, DateTimeOffset now, NodaTime.DateTimeZone zone)
    {
        var variables = Variables(model.Parameters);
        var bookmarks = new List<BookmarkRecord>();
        using var time = ExpressionTime.At(now, zone);
        foreach (var start in model.Elements.Where(e => e.Kind == ElementKind.StartEvent && e.ParentId is null && e.Timer is not null))
        {
            // Each placeholder must yield something: R${n}/P7D with n empty would otherwise start an instance every week without end.
            var value = ExpressionEvaluator.EvaluateWholeText(start.Timer!.Expression, variables);
            if (TimerValue.First(start.Timer.Kind, value, now, zone) is not { } plan) continue; // a cycle wholly in the past starts nothing
            bookmarks.Add(new BookmarkRecord
            {
                Id = OrderedIds.Next(now), InstanceId = Guid.Empty, DefinitionId = definitionId, ElementId = start.Id,
                Kind = BookmarkKind.Timer, DueAt = plan.Due, CycleRemaining = plan.CycleRemaining, CycleInterval = plan.CycleState, CreatedAt = now,
            });
        }
        return bookmarks;
    }

    /// <summary>
    /// What a timer start event's <c>${…}</c> reads: only the declared parameters exist before an instance does, at their default
    /// values. Validation reads the same, so a value it accepts is the value publication plans.
    /// </summary>
    public static JsonObject Variables(IEnumerable<ProcessParameter> parameters)
    {
        var variables = new JsonObject();
        foreach (var parameter in parameters) variables[parameter.Name] = parameter.DefaultValue;
        return variables;
    }
}
