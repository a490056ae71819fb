using Orchestrator.Workflows.Parsing;

namespace Orchestrator.Tests.Pathways;

/// <summary>
/// Every deadline of a shipped definition is an <c>orc:parameter</c> an administrator can see and change: a task's due
/// date, an alert's delay to act and a timer read <c>${…}</c>, never a literal duration written in the file.
/// </summary>
public sealed class ShippedDeadlineTests
{
    [Theory]
    [MemberData(nameof(FrenchLabelTests.ShippedDefinitions), MemberType = typeof(FrenchLabelTests))]
    public void No_shipped_task_alert_or_timer_carries_a_literal_duration(string file)
    {
        var model = BpmnParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflow-definitions", file)));

        var literals = model.Elements.SelectMany(e => new[]
            {
                (e.Id, What: "orc:dueIn", Value: e.DueIn),
                (e.Id, What: "actWithin", Value: e.Inputs.GetValueOrDefault("actWithin")),
                (e.Id, What: "timer", Value: e.Timer?.Expression),
            })
            .Where(x => x.Value is { } v && !v.StartsWith("${", StringComparison.Ordinal))
            .Select(x => $"{x.Id} {x.What}={x.Value}")
            .ToList();
        Assert.Empty(literals);
    }
}
