using System.CommandLine;

namespace Orchestrator.Cli;

/// <summary>
/// The host's command line: without a command it runs the web app; <c>migrate</c>, <c>simulate</c>, <c>bench</c>, <c>scale</c> and <c>survey</c>
/// are the administrator's commands. Every command answers <c>--help</c>, and an option nobody declared is refused
/// (exit 2) before anything starts, so the web app never runs with a setting it did not understand.
/// </summary>
public static class OrchestratorCommand
{
    /// <summary>Host settings ASP.NET Core reads from the command line, besides configuration keys (<c>--Section:Key=value</c>).</summary>
    private static readonly string[] HostSettings = ["urls", "environment", "contentRoot", "applicationName", "webroot", "http_ports", "https_ports"];

    /// <summary>Builds the command tree; <paramref name="stdout"/> and <paramref name="stderr"/> receive what the commands print.</summary>
    public static RootCommand Create(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "Orchestrator: care-pathway orchestrator. Without a command, runs the web app (http://localhost:5000 by default).\n" +
            "Settings: any configuration key as --Section:Key=value (e.g. --Orchestrator:DataDirectory=/srv/orchestrator), " +
            "and --urls, --environment.")
        {
            TreatUnmatchedTokensAsErrors = false, // settings are validated below, against what the host understands
        };
        // The web app itself is started by Program, outside the parser's invocation, once the settings are checked.
        root.SetAction(_ => 0);
        root.Subcommands.Add(MigrateCommand.Create(stdout, stderr));
        root.Subcommands.Add(SimulateCommand.Create(stdout, stderr));
        root.Subcommands.Add(BenchCommand.Create(stdout, stderr));
        root.Subcommands.Add(Scale.ScaleCommand.Create(stdout, stderr));
        root.Subcommands.Add(Survey.SurveyCommand.Create(stdout, stderr));
        return root;
    }

    /// <summary>True when the arguments ask for the web app rather than a command, its help or its version.</summary>
    public static bool AsksForWebApp(ParseResult parsed) =>
        parsed.CommandResult.Command is RootCommand root && parsed.Errors.Count == 0 && parsed.Action == root.Action;

    /// <summary>
    /// Refuses, on <paramref name="stderr"/>, the settings of <paramref name="parsed"/> that the host would not understand.
    /// Returns false (the caller exits with 2) when there is one.
    /// </summary>
    public static bool AcceptsSettings(ParseResult parsed, string command, TextWriter stderr)
    {
        var unknown = UnknownSettings(parsed.UnmatchedTokens).ToList();
        foreach (var token in unknown) stderr.WriteLine($"{command}: unrecognized option or argument '{token}'. Settings are --Section:Key=value; see --help.");
        return unknown.Count == 0;
    }

    /// <summary>The tokens of the web app's command line that are neither a configuration key nor a host setting.</summary>
    internal static IEnumerable<string> UnknownSettings(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2) { yield return token; continue; }
            var name = token[2..];
            var equals = name.IndexOf('=');
            var key = equals >= 0 ? name[..equals] : name;
            // "--Section=" (empty) only declares a section, as the test host passes it; it sets nothing.
            var declaresSection = equals == name.Length - 1;
            if (!key.Contains(':') && !declaresSection && !HostSettings.Contains(key, StringComparer.OrdinalIgnoreCase)) { yield return token; continue; }
            if (equals < 0)
            {
                if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal)) yield return token + " (no value)";
                else i++;
            }
        }
    }
}
