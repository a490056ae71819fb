using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Parsing;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Definitions;

public sealed class DefinitionDiffTests
{
    private static string Version(string dipc, string extra = "", string role = "social-worker") => Process("stay", $"""
        <bpmn:startEvent id="admitted" />
        <bpmn:userTask id="dipcHandover" name="Remettre le DIPC" orc:role="{role}" orc:dueIn="P15D" />
        <bpmn:boundaryEvent id="dipcLate" attachedToRef="dipcHandover" cancelActivity="false">{Timer("timeDuration", dipc)}</bpmn:boundaryEvent>
        <bpmn:endEvent id="done" /><bpmn:endEvent id="flagged" />{extra}
        {Flow("f1", "admitted", "dipcHandover")}{Flow("f2", "dipcHandover", "done")}{Flow("f3", "dipcLate", "flagged")}
        """);

    [Fact]
    public void The_diff_names_each_changed_added_and_removed_element_with_before_and_after_values()
    {
        var v1 = BpmnParser.Parse(Version("P15D"));
        var v2 = BpmnParser.Parse(Version("P10D", """<bpmn:manualTask id="welcome" name="Accueil" />""", role: "nurse").Replace(Flow("f2", "dipcHandover", "done"),
            Flow("f2", "dipcHandover", "welcome") + Flow("f4", "welcome", "done")));

        var changes = DefinitionDiff.Compare(v1, v2);

        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Changed, ElementId: "dipcLate" } && c.Detail.Contains("P15D → durée P10D"));
        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Changed, ElementId: "dipcHandover" } && c.Detail.Contains("rôle : social-worker → nurse"));
        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Added, ElementId: "welcome" });
        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Added, ElementId: "f4" });
        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Changed, ElementId: "f2" } && c.Detail.Contains("dipcHandover → welcome"));
        Assert.Empty(DefinitionDiff.Compare(v1, BpmnParser.Parse(Version("P15D"))));
    }
}
