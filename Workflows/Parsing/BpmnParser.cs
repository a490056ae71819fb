using System.Xml;
using System.Xml.Linq;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Parsing;

/// <summary>
/// Reads BPMN 2.0 XML as modelers write it. Diagram interchange and other vendors' extensions are
/// ignored; anything the engine cannot run is reported with its element type, id, line and reason,
/// all problems at once, so an administrator can fix a file in one pass.
/// </summary>
public static class BpmnParser
{
    /// <param name="isKnownActivity">Tells whether a service task's <c>orc:activity</c> exists; null skips the check.</param>
    public static ProcessModel Parse(string xml, Func<string, bool>? isKnownActivity = null)
    {
        var problems = new List<BpmnProblem>();
        var model = Read(xml, problems, isKnownActivity);
        if (problems.Count > 0 || model is null) throw new BpmnValidationException(problems);
        return model;
    }

    public static IReadOnlyList<BpmnProblem> Validate(string xml, Func<string, bool>? isKnownActivity = null)
    {
        var problems = new List<BpmnProblem>();
        Read(xml, problems, isKnownActivity);
        return problems;
    }

    private static ProcessModel? Read(string xml, List<BpmnProblem> problems, Func<string, bool>? isKnownActivity)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            problems.Add(new BpmnProblem("document", null, e.LineNumber, "the file is not well-formed XML: " + e.Message));
            return null;
        }
        var root = document.Root!;
        if (root.Name != BpmnNamespaces.Bpmn + "definitions")
        {
            problems.Add(new BpmnProblem(root.Name.LocalName, null, LineOf(root),
                $"the root element must be bpmn:definitions in namespace {BpmnNamespaces.Bpmn}"));
            return null;
        }
        var processes = root.Elements(BpmnNamespaces.Bpmn + "process")
            .Where(p => (string?)p.Attribute("isExecutable") != "false").ToList();
        if (processes.Count != 1)
        {
            problems.Add(new BpmnProblem("definitions", (string?)root.Attribute("id"), LineOf(root), processes.Count == 0
                ? "the file has no executable process"
                : $"the file has {processes.Count} executable processes; put one process per file and link them with call activities"));
            return null;
        }
        var messages = root.Elements(BpmnNamespaces.Bpmn + "message")
            .Where(m => m.Attribute("id") is not null)
            .ToDictionary(m => (string)m.Attribute("id")!, m => (string?)m.Attribute("name"));
        return new ProcessReader(processes[0], messages, problems, isKnownActivity).Build();
    }

    internal static int LineOf(XElement element) => element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
