using System.Xml.Linq;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Timing;

namespace Orchestrator.Cli.Survey;

/// <summary>
/// Sets aside what another engine evaluates in its own language, so that a public file can be judged on its flow:
/// Java or external-worker implementations of service and send tasks, scripts, decision tables, conditions, timer
/// values that are not ISO 8601 (cron, <c>${dueDate}</c>) and multi-instance collections; and, in descriptive models,
/// the same expressions left out (a service task without implementation, a gateway's flow or a timer without value). The rewritten file is what
/// <c>survey</c> runs when the file as it is fails only on such expressions; nothing of it is ever deployed elsewhere.
/// </summary>
/// <remarks>
/// The replacements are deterministic: every condition (of a flow or a conditional event) reads <c>${true}</c>, so an
/// exclusive gateway takes its first
/// conditional flow in document order, an inclusive one takes them all and a conditional event occurs when armed; a task whose implementation was set aside
/// passes through (a service task that an error boundary event watches records a milestone instead, so that the
/// boundary stays valid); a timer waits an hour (a cycle fires once); a multi-instance activity runs twice and has no
/// completion condition.
/// </remarks>
internal static class ExpressionsAside
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Orc = "urn:orchestrator:bpmn:1.0";

    /// <summary>Rewrites <paramref name="document"/> in place; returns what was set aside, one line per element (empty when nothing was).</summary>
    public static List<string> Rewrite(XDocument document)
    {
        var changes = new List<string>();
        var root = document.Root!;
        var errorWatched = root.Descendants(Bpmn + "boundaryEvent")
            .Where(b => b.Element(Bpmn + "errorEventDefinition") is not null)
            .Select(b => (string?)b.Attribute("attachedToRef")).ToHashSet();
        foreach (var task in root.Descendants().Where(e => e.Name == Bpmn + "serviceTask" || e.Name == Bpmn + "sendTask").ToList())
        {
            if (task.Attribute(Orc + "activity") is not null) continue;
            if (task.Name.LocalName == "sendTask" && task.Attribute("messageRef") is not null) continue;
            var id = (string?)task.Attribute("id");
            if (task.Name.LocalName == "serviceTask" && errorWatched.Contains(id))
            {
                task.SetAttributeValue(Orc + "activity", "RecordMilestone");
                var extensions = task.Element(Bpmn + "extensionElements");
                if (extensions is null) { extensions = new XElement(Bpmn + "extensionElements"); task.AddFirst(extensions); }
                extensions.Add(new XElement(Orc + "input", new XAttribute("name", "milestone"), new XAttribute("value", id ?? "task")));
            }
            else task.Name = Bpmn + "task";
            changes.Add($"{task.Name.LocalName} '{id}': implementation set aside");
        }
        foreach (var task in root.Descendants().Where(e => e.Name == Bpmn + "scriptTask" || e.Name == Bpmn + "businessRuleTask").ToList())
        {
            changes.Add($"{task.Name.LocalName} '{(string?)task.Attribute("id")}': {(task.Name.LocalName == "scriptTask" ? "script" : "decision")} set aside");
            task.Element(Bpmn + "script")?.Remove();
            task.Name = Bpmn + "task";
        }
        var conditions = root.Descendants(Bpmn + "conditionExpression")
            .Concat(root.Descendants(Bpmn + "conditionalEventDefinition").Elements(Bpmn + "condition"));
        foreach (var condition in conditions.Where(c => c.Value.Trim() is { Length: > 0 } text && text != "${true}").ToList())
        {
            var owner = condition.Name.LocalName == "condition" ? condition.Parent?.Parent : condition.Parent;
            changes.Add($"{owner?.Name.LocalName} '{(string?)owner?.Attribute("id")}': condition {Shorten(condition.Value)} taken as true");
            condition.RemoveNodes();
            condition.Add("${true}");
        }
        foreach (var gateway in root.Descendants(Bpmn + "exclusiveGateway"))
        {
            var id = (string?)gateway.Attribute("id");
            var outgoing = gateway.Parent!.Elements(Bpmn + "sequenceFlow").Where(f => (string?)f.Attribute("sourceRef") == id).ToList();
            if (outgoing.Count < 2) continue;
            foreach (var flow in outgoing.Where(f => string.IsNullOrWhiteSpace(f.Element(Bpmn + "conditionExpression")?.Value)
                         && (string?)f.Attribute("id") != (string?)gateway.Attribute("default")))
            {
                changes.Add($"sequenceFlow '{(string?)flow.Attribute("id")}': missing condition taken as true");
                flow.Element(Bpmn + "conditionExpression")?.Remove();
                flow.Add(new XElement(Bpmn + "conditionExpression", "${true}"));
            }
        }
        foreach (var timer in root.Descendants(Bpmn + "timerEventDefinition"))
            foreach (var (part, kind, replacement) in new[] { ("timeDuration", TimerKind.Duration, "PT1H"), ("timeDate", TimerKind.Date, ""), ("timeCycle", TimerKind.Cycle, "R1/PT1H") })
                if (timer.Element(Bpmn + part) is { } value && (value.Value.Trim().Length == 0 || TimerValue.Check(kind, value.Value.Trim(), TimerRules.Default) is not null))
                {
                    changes.Add($"timer of '{(string?)timer.Parent?.Attribute("id")}': {part} {Shorten(value.Value)} replaced by a one-hour wait");
                    value.Name = Bpmn + (kind == TimerKind.Cycle ? "timeCycle" : "timeDuration");
                    value.Value = replacement.Length == 0 ? "PT1H" : replacement;
                }
        foreach (var loop in root.Descendants(Bpmn + "multiInstanceLoopCharacteristics"))
        {
            var owner = (string?)loop.Parent?.Attribute("id");
            var collection = loop.Attributes().FirstOrDefault(a => a.Name.LocalName == "collection");
            if (collection is not null || loop.Element(Bpmn + "loopCardinality") is not null)
            {
                collection?.Remove();
                loop.Attributes().Where(a => a.Name.LocalName == "elementVariable").Remove();
                loop.Element(Bpmn + "loopCardinality")?.Remove();
                loop.Element(Bpmn + "loopDataInputRef")?.Remove();
                loop.AddFirst(new XElement(Bpmn + "loopCardinality", "${2}"));
                changes.Add($"multi-instance '{owner}': runs twice");
            }
            if (loop.Element(Bpmn + "completionCondition") is { } completion)
            {
                completion.Remove();
                changes.Add($"multi-instance '{owner}': completion condition set aside");
            }
        }
        return changes;
    }

    private static string Shorten(string text)
    {
        text = text.Trim().ReplaceLineEndings(" ");
        return "'" + (text.Length > 40 ? text[..40] + "…" : text) + "'";
    }
}
