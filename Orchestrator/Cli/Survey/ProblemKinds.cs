using System.Xml.Linq;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Cli.Survey;

/// <summary>Sorts the validator's problems with a public file into the kinds <c>survey</c> counts.</summary>
internal static class ProblemKinds
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>
    /// The kind of one problem. A service task without <c>orc:activity</c> counts as an expression: its implementation is
    /// another engine's (a Java class, an external topic, a web service) or was left out of a descriptive model; so do a
    /// missing condition or timer value. <paramref name="document"/> tells whether a send task has another engine's implementation.
    /// </summary>
    public static FailureKind Of(BpmnProblem problem, XDocument? document)
    {
        var reason = problem.Reason;
        if (reason.Contains("has no executable process", StringComparison.Ordinal) || reason == "the file has no process")
            return FailureKind.NotExecutable;
        if (reason.StartsWith("condition:", StringComparison.Ordinal)
            || reason.Contains("cron is not supported", StringComparison.Ordinal)
            || reason == "the timer value is empty"
            || reason.Contains("has no condition and is not the default flow", StringComparison.Ordinal)
            || problem.ElementType is "scriptTask" or "businessRuleTask"
            || (reason.StartsWith("timer ", StringComparison.Ordinal) && (reason.Contains("${", StringComparison.Ordinal) || reason.Contains("#{", StringComparison.Ordinal)))
            || reason.Contains("needs orc:activity", StringComparison.Ordinal)
            || (problem.ElementType == "sendTask" && reason.Contains("messageRef is missing", StringComparison.Ordinal) && HasForeignImplementation(document, problem.ElementId)))
            return FailureKind.ExpressionDialect;
        if (reason.Contains("not supported", StringComparison.Ordinal) || reason.Contains("not part of the supported BPMN subset", StringComparison.Ordinal))
            return FailureKind.UnsupportedElement;
        return FailureKind.Refused;
    }

    /// <summary>The kind that decides a refusal: anything but an expression outweighs the expressions.</summary>
    public static FailureKind Deciding(IEnumerable<FailureKind> kinds)
    {
        var set = kinds.ToHashSet();
        foreach (var kind in new[] { FailureKind.NotExecutable, FailureKind.UnsupportedElement, FailureKind.Refused, FailureKind.ExpressionDialect })
            if (set.Contains(kind)) return kind;
        return FailureKind.None;
    }

    /// <summary>A Java class, expression, delegate or external topic of Camunda, Activiti or Flowable on the element.</summary>
    private static bool HasForeignImplementation(XDocument? document, string? id)
    {
        if (document is null || id is null) return false;
        var element = document.Descendants().FirstOrDefault(e => e.Name.Namespace == Bpmn && (string?)e.Attribute("id") == id);
        if (element is null) return false;
        return element.Attributes().Any(a => a.Name.Namespace != XNamespace.None && a.Name.Namespace != Bpmn
                   && a.Name.LocalName is "class" or "expression" or "delegateExpression" or "type" or "topic")
               || (string?)element.Attribute("implementation") is { } implementation && implementation != "##unspecified"
               || element.Element(Bpmn + "extensionElements")?.Elements().Any(e => e.Name.LocalName is "connector" or "field" or "taskDefinition") == true;
    }
}
