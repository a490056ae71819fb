using System.CommandLine;

namespace Orchestrator.Cli.Survey;

/// <summary>
/// <c>survey folder [--all-processes] [--start iso] [--max-steps n] [--horizon P2Y]</c>: runs every <c>.bpmn</c> under a folder
/// through the validator and <c>simulate</c> (both policies) and prints one line per file: whether it ran as it is, ran
/// once another engine's expressions were set aside, or why not (not executable, expression dialect, unsupported
/// element, refused by a rule, incident, stuck, crash); then the totals per source (the folder's first level) and the
/// failures by kind. Exit 0 once the survey is printed, 2 when the folder does not exist.
/// </summary>
internal static class SurveyCommand
{
    /// <summary>The <c>survey</c> command; what it prints goes to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<string>("folder") { Description = "The folder of .bpmn files to survey; its first-level folders are the sources the totals are given for." };
        var allProcesses = new Option<bool>("--all-processes")
        {
            Description = "Also run the processes marked isExecutable=\"false\", each alone (descriptive models such as the MIWG reference files).",
        };
        var start = CommandLine.DateTime("--start", "When the simulated clock starts (ISO 8601; without an offset, wall-clock time in Europe/Paris); now by default.");
        var maxSteps = CommandLine.AtLeast("--max-steps", 1, 300, "How many steps a run may take before it counts as stuck.");
        var horizon = CommandLine.Duration("--horizon", "timers-first stops when no timer is due within this.", "P2Y");
        var command = new Command("survey", "Run every .bpmn file of a folder through the validator and simulate (both policies); one line per file, then totals per source.")
        {
            folder, allProcesses, start, maxSteps, horizon,
        };
        command.SetAction((parsed, _) => RunAsync(parsed.GetValue(folder)!, parsed.GetValue(allProcesses), parsed.GetValue(start) ?? DateTimeOffset.UtcNow,
            parsed.GetValue(maxSteps), parsed.GetValue(horizon)!, stdout, stderr));
        return command;
    }

    /// <summary>Runs <c>survey</c> with <paramref name="args"/> (the words after the command's name); usage errors give exit code 2.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.RunAsync(Create(stdout, stderr), args, stdout, stderr);

    private static async Task<int> RunAsync(string folder, bool allProcesses, DateTimeOffset start, int maxSteps, string horizon, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(folder))
        {
            await stderr.WriteLineAsync($"survey: {folder}: no such folder");
            return 2;
        }
        // Any case of the extension; links are not followed, so a link back up the tree cannot count a file over and over.
        var files = Directory.EnumerateFiles(folder, "*.bpmn", new EnumerationOptions
        {
            RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive, AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = true,
        }).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            await stderr.WriteLineAsync($"survey: {folder}: no .bpmn file in this folder or below it");
            return 2;
        }
        var survey = new BpmnSurvey(start, maxSteps, CommandLine.Span(horizon, start));
        var entries = new List<(string Source, SurveyEntry Entry)>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            var source = relative.Contains('/') ? relative[..relative.IndexOf('/')] : ".";
            foreach (var entry in await survey.SurveyFileAsync(file, relative, allProcesses))
            {
                entries.Add((source, entry));
                await stdout.WriteLineAsync(entry.Describe());
            }
        }
        await stdout.WriteLineAsync();
        foreach (var group in entries.GroupBy(e => e.Source).Append(entries.GroupBy(_ => "all").Single()))
            await stdout.WriteLineAsync(SurveyTotals.Describe(group.Key, group.Select(e => e.Entry).ToList()));
        await stdout.WriteLineAsync();
        foreach (var kind in entries.Where(e => e.Entry.Executable && !e.Entry.Ran).GroupBy(e => e.Entry.Failure).OrderByDescending(g => g.Count()))
            await stdout.WriteLineAsync($"{kind.Key}: {kind.Count()} ({string.Join(", ", kind.Select(e => e.Entry.Unit))})");
        return 0;
    }
}

/// <summary>The figures of a source: units surveyed, executable, accepted (as they are / once expressions are set aside), run to an end, and the share run.</summary>
internal static class SurveyTotals
{
    public static string Describe(string source, IReadOnlyList<SurveyEntry> entries)
    {
        var executable = entries.Count(e => e.Executable);
        var ran = entries.Count(e => e.Ran);
        var share = executable == 0 ? "-" : $"{100.0 * ran / executable:0}%";
        return $"{source}: {entries.Count} surveyed, {executable} executable, accepted {entries.Count(e => e.AcceptedAsIs)} as is + "
            + $"{entries.Count(e => !e.AcceptedAsIs && e.AcceptedAside)} with expressions aside, ran {entries.Count(e => e.RanAsIs)} as is + "
            + $"{entries.Count(e => e.RanAside)} with expressions aside = {ran}/{executable} ({share})";
    }
}
