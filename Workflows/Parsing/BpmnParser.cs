using System.Xml;
using System.Xml.Linq;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Timing;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Parsing;

/// <summary>
/// Reads BPMN 2.0 XML as modelers write it. Diagram interchange and other vendors' extensions are
/// ignored; anything the engine cannot run is reported with its element type, id, line and reason,
/// all problems at once, so an administrator can fix a file in one pass.
/// </summary>
public static class BpmnParser
{
    /// <summary>Parses and validates one BPMN 2.0 process into a runnable model.</summary>
    /// <param name="xml">The BPMN 2.0 XML text of the definition.</param>
    /// <param name="isKnownActivity">Tells whether a service task's <c>orc:activity</c> exists; null skips the check.</param>
    /// <param name="timers">What timer values are held to (zone, cycle floor); <see cref="TimerRules.Default"/> when null.</param>
    /// <param name="taskRoles">The functions a user task's <c>orc:role</c> may name; null accepts any.</param>
    /// <exception cref="Validation.BpmnValidationException">The file is malformed or cannot run; every problem is listed.</exception>
    public static ProcessModel Parse(string xml, Func<string, bool>? isKnownActivity = null, TimerRules? timers = null, IReadOnlyCollection<string>? taskRoles = null)
    {
        var problems = new List<BpmnProblem>();
        var model = Read(xml, problems, isKnownActivity, timers ?? TimerRules.Default, taskRoles);
        if (problems.Count > 0 || model is null) throw new BpmnValidationException(problems);
        return model;
    }

    /// <summary>
    /// Every problem of <paramref name="xml"/> (see <see cref="Parse"/> for the parameters), each naming the element, its id, line and
    /// reason; empty when the definition can run. Never throws for a bad file: malformed XML is a problem too.
    /// </summary>
    public static IReadOnlyList<BpmnProblem> Validate(string xml, Func<string, bool>? isKnownActivity = null, TimerRules? timers = null, IReadOnlyCollection<string>? taskRoles = null)
    {
        var problems = new List<BpmnProblem>();
        Read(xml, problems, isKnownActivity, timers ?? TimerRules.Default, taskRoles);
        return problems;
    }

    private static ProcessModel? Read(string xml, List<BpmnProblem> problems, Func<string, bool>? isKnownActivity, TimerRules timers, IReadOnlyCollection<string>? taskRoles)
    {
        XDocument document;
        try
        {
            document = BpmnXml.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            problems.Add(new BpmnProblem("document", null, e.LineNumber, ReasonText.Format(Reasons.NotWellFormed, XmlReaderProblem.Describe(e))));
            return null;
        }
        var root = document.Root!;
        if (root.Name != BpmnNamespaces.Bpmn + "definitions")
        {
            problems.Add(new BpmnProblem(root.Name.LocalName, null, LineOf(root),
                ReasonText.Format(Reasons.RootNotDefinitions, BpmnNamespaces.Bpmn)));
            return null;
        }
        if (DuplicateIds(root) is { Count: > 0 } duplicates)
        {
            problems.AddRange(duplicates);
            return null;
        }
        var all = root.Elements(BpmnNamespaces.Bpmn + "process").ToList();
        foreach (var process in all.Where(p => p.Attribute("isExecutable") is { } flag && !XsdBoolean.TryParse(flag.Value, out _)))
            problems.Add(new BpmnProblem("process", (string?)process.Attribute("id"), LineOf(process),
                ReasonText.Format(Reasons.NotABoolean, "isExecutable", (string)process.Attribute("isExecutable")!)));
        var processes = all.Where(p => !XsdBoolean.IsFalse((string?)p.Attribute("isExecutable"))).ToList();
        if (processes.Count != 1)
        {
            var pools = Pools(root);
            string Describe(XElement p) => pools.TryGetValue((string?)p.Attribute("id") ?? "", out var pool) && pool is not null
                ? ReasonText.Format(Reasons.ProcessInPoolAt, (string?)p.Attribute("id"), pool, LineOf(p))
                : ReasonText.Format(Reasons.ProcessAt, (string?)p.Attribute("id"), LineOf(p));
            problems.Add(new BpmnProblem("definitions", (string?)root.Attribute("id"), LineOf(root), processes.Count == 0
                ? all.Count == 0
                    ? Reasons.NoProcess
                    : ReasonText.Format(all.Count == 1 ? Reasons.NoExecutableProcessOne : Reasons.NoExecutableProcessMany, string.Join(", ", all.Select(Describe)))
                : ReasonText.Format(Reasons.SeveralExecutableProcesses, processes.Count, string.Join(", ", processes.Select(Describe)))));
            return null;
        }
        var messages = root.Elements(BpmnNamespaces.Bpmn + "message")
            .Where(m => m.Attribute("id") is not null)
            .ToDictionary(m => (string)m.Attribute("id")!, m => (string?)m.Attribute("name"));
        var errors = root.Elements(BpmnNamespaces.Bpmn + "error")
            .Where(e => e.Attribute("id") is not null)
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string?)e.Attribute("errorCode"));
        var signals = root.Elements(BpmnNamespaces.Bpmn + "signal")
            .Where(e => e.Attribute("id") is not null)
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string?)e.Attribute("name"));
        var escalations = root.Elements(BpmnNamespaces.Bpmn + "escalation")
            .Where(e => e.Attribute("id") is not null)
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string?)e.Attribute("escalationCode"));
        return new ProcessReader(processes[0], messages, errors, signals, escalations, problems, isKnownActivity, timers, taskRoles).Build();
    }

    /// <summary>
    /// Ids are unique in the whole file (<c>xsd:ID</c> in the BPMN 2.0 schema): a message, a signal or an error sharing an id with
    /// another, or a flow element with its process, leaves every reference to that id ambiguous. Each repeat is named with the
    /// element that had the id first; the rest of the file is not read further, since what its references mean is unknown. An id
    /// that is no XML name (<c>xsd:ID</c> is an NCName: no space, quote, colon or control character, not starting with a digit) is
    /// refused the same way.
    /// </summary>
    private static List<BpmnProblem> DuplicateIds(XElement root)
    {
        var problems = new List<BpmnProblem>();
        var first = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in root.DescendantsAndSelf().Where(e => e.Name.Namespace == BpmnNamespaces.Bpmn))
        {
            if ((string?)element.Attribute("id") is not { Length: > 0 } id) continue;
            // An XML name: a newline or a quote would break every message naming it, and U+202E would show it reversed.
            if (!IsXmlName(id))
                problems.Add(new BpmnProblem(element.Name.LocalName, Visible(id), LineOf(element), Reasons.IdNotXmlName));
            else if (first.TryGetValue(id, out var owner))
                problems.Add(new BpmnProblem(element.Name.LocalName, id, LineOf(element),
                    ReasonText.Format(Reasons.DuplicateIdOf, owner.Name.LocalName, LineOf(owner))));
            else first[id] = element;
        }
        return problems;
    }

    /// <summary>The id with its control and formatting characters written as <c>\uXXXX</c>, so that naming it neither breaks a line nor reverses the text.</summary>
    private static string Visible(string id) => string.Concat(id.Select(c =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
            ? $"\\u{(int)c:x4}" : c.ToString()));

    private static bool IsXmlName(string id)
    {
        try
        {
            System.Xml.XmlConvert.VerifyNCName(id);
            return true;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    /// <summary>The pool (participant) name of each process a collaboration draws, by process id.</summary>
    private static Dictionary<string, string?> Pools(XElement root) => root.Elements(BpmnNamespaces.Bpmn + "collaboration")
        .SelectMany(c => c.Elements(BpmnNamespaces.Bpmn + "participant"))
        .Where(p => p.Attribute("processRef") is not null)
        .GroupBy(p => (string)p.Attribute("processRef")!)
        .ToDictionary(g => g.Key, g => (string?)g.First().Attribute("name"));

    /// <summary>
    /// Which process of the file runs and which are left aside (marked non-executable), for a command to tell the
    /// administrator; empty when the file has a single process.
    /// </summary>
    public static IReadOnlyList<string> DescribeProcesses(string xml)
    {
        try
        {
            var root = BpmnXml.Parse(xml, LoadOptions.SetLineInfo).Root!;
            var all = root.Elements(BpmnNamespaces.Bpmn + "process").ToList();
            if (all.Count < 2) return [];
            var pools = Pools(root);
            return all.Select(p =>
            {
                var id = (string?)p.Attribute("id") ?? "?";
                var pool = pools.GetValueOrDefault(id) is { } name ? $" (pool '{name}')" : "";
                return XsdBoolean.IsFalse((string?)p.Attribute("isExecutable"))
                    ? $"process '{id}'{pool} is marked non-executable and does not run"
                    : $"process '{id}'{pool} runs";
            }).ToList();
        }
        catch (XmlException)
        {
            return [];
        }
    }

    /// <summary>
    /// The <c>name</c> of every element of <paramref name="xml"/> that has one, by id, so a message can name an element as it
    /// was drawn; empty when the text is not well-formed XML (the validator says why).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ElementNames(string xml)
    {
        try
        {
            return BpmnXml.Parse(xml).Descendants()
                .Where(e => e.Attribute("id") is not null && !string.IsNullOrWhiteSpace((string?)e.Attribute("name")))
                .GroupBy(e => (string)e.Attribute("id")!).ToDictionary(g => g.Key, g => (string)g.First().Attribute("name")!);
        }
        catch (XmlException)
        {
            return new Dictionary<string, string>();
        }
    }

    internal static int LineOf(XElement element) => element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
