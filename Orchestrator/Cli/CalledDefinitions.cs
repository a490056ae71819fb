using System.Xml;
using System.Xml.Linq;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Parsing;

namespace Orchestrator.Cli;

/// <summary>
/// The definitions a file calls, found among the <c>*.bpmn</c> beside it by process id, and what those call in turn.
/// Only they are deployed: a file beside it that nothing calls is never read further than its process id, so a
/// broken or unrelated file there cannot abort the run. A called process that no file defines, or whose file is
/// invalid, is reported naming the call activity.
/// </summary>
internal static class CalledDefinitions
{
    /// <summary>Deploys the definitions <paramref name="file"/> calls, and those they call, before the file itself is run.</summary>
    /// <param name="store">Where the called definitions are deployed (the dry run's in-memory store).</param>
    /// <param name="file">The path of the calling BPMN file; the called ones are looked for in its folder.</param>
    /// <param name="xml">The calling file's XML.</param>
    /// <param name="prepare">Applied to each called file's XML before it is validated and deployed (<c>survey</c> sets aside another engine's expressions); none by default.</param>
    /// <returns>The problems found (empty when every called definition was deployed).</returns>
    public static async Task<List<string>> DeployAsync(DefinitionStore store, string file, string xml, Func<string, string>? prepare = null)
    {
        var problems = new List<string>();
        var beside = IndexFolder(file, out var setAside);
        var deployed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<(string Caller, ProcessModel Model)>();
        var root = store.Parse(xml); // the store's clock: a dry run's start, not the machine's day
        deployed.Add(root.Id);
        pending.Enqueue((Path.GetFileName(file), root));
        while (pending.TryDequeue(out var next))
        {
            foreach (var call in next.Model.Elements.Where(e => e.Kind == ElementKind.CallActivity && e.CalledElement is not null))
            {
                var called = call.CalledElement!;
                if (!deployed.Add(called)) continue;
                if (!beside.TryGetValue(called, out var paths))
                {
                    problems.Add(setAside.TryGetValue(called, out var marked)
                        ? $"{next.Caller}: {call} calls process '{called}', which {Path.GetFileName(marked)} beside it defines but marks non-executable (isExecutable=\"false\")"
                        : $"{next.Caller}: {call} calls process '{called}', which no .bpmn file beside it defines");
                    continue;
                }
                if (paths.Count > 1)
                {
                    // Which one the host would run depends on which was published last: the dry run cannot guess it.
                    problems.Add($"{next.Caller}: {call} calls process '{called}', which {string.Join(" and ", paths.Select(Path.GetFileName))} beside it both define; keep one");
                    continue;
                }
                var path = paths[0];
                var calledXml = await File.ReadAllTextAsync(path);
                if (prepare is not null) calledXml = prepare(calledXml);
                var invalid = store.Validate(calledXml);
                if (invalid.Count > 0)
                {
                    problems.AddRange(invalid.Select(p => $"{Path.GetFileName(path)} (called by {call} of {next.Caller}): {p}"));
                    continue;
                }
                await store.DeployAsync(calledXml, "simulation");
                pending.Enqueue((Path.GetFileName(path), store.Parse(calledXml)));
            }
        }
        return problems;
    }

    /// <summary>Process id → the files defining it, for the files beside <paramref name="file"/> that can be read at all; the rest are skipped.</summary>
    /// <param name="file">The BPMN file whose folder is indexed.</param>
    /// <param name="setAside">Process id → a file defining it marked non-executable, to say why a call finds none to run.</param>
    private static Dictionary<string, List<string>> IndexFolder(string file, out Dictionary<string, string> setAside)
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        setAside = new Dictionary<string, string>(StringComparer.Ordinal);
        var self = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(self)!;
        foreach (var other in Directory.EnumerateFiles(folder, "*.bpmn").Order(StringComparer.Ordinal))
        {
            if (Path.GetFullPath(other) == self) continue;
            try
            {
                var root = Workflows.Parsing.BpmnXml.Load(other).Root;
                foreach (var process in root?.Elements(XName.Get("process", "http://www.omg.org/spec/BPMN/20100524/MODEL")) ?? [])
                    if ((string?)process.Attribute("id") is not { } id) continue;
                    else if (!Workflows.Parsing.XsdBoolean.IsFalse((string?)process.Attribute("isExecutable")))
                        (index.TryGetValue(id, out var files) ? files : index[id] = []).Add(other);
                    else setAside.TryAdd(id, other);
            }
            catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
            {
                // Not a file this run needs unless something calls it, and then it is reported as missing.
            }
        }
        return index;
    }
}
