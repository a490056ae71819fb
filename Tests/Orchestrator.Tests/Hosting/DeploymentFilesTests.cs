using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Hosting;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// The container files and the README speak of the settings the app really reads (<see cref="ConfigurationKeys"/>), so a
/// renamed setting cannot leave a deployment silently running on a default.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = FindRoot();
    private static readonly HashSet<string> Known = ConfigurationKeys.All.Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Variables of the platform itself (ASP.NET Core, .NET, OpenTelemetry's standard ones, the C library's allocator), not the app's settings.</summary>
    private static bool IsPlatformVariable(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("DOTNET_", StringComparison.Ordinal) || name.StartsWith("OTEL_", StringComparison.Ordinal)
        || name.StartsWith("MALLOC_", StringComparison.Ordinal);

    [Fact]
    public void Every_variable_the_compose_file_gives_the_app_nodes_is_a_setting_the_app_reads()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "compose.yaml"));
        var start = Array.FindIndex(lines, l => l.StartsWith("x-app:", StringComparison.Ordinal));
        var environment = Array.FindIndex(lines, start, l => l.Trim() == "environment:");
        var variables = lines.Skip(environment + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal))
            .Select(l => VariableLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("ConnectionStrings__Postgres", variables);
        Assert.All(variables.Where(v => !IsPlatformVariable(v)), v => Assert.Contains(Regex.Replace(v.Replace("__", ":"), ":[0-9]+$", ""), Known));
        Assert.Contains("DataProtection__KeyEncryptionKey", variables); // two nodes must share the key of the key ring
        Assert.Contains("app1:", lines.Select(l => l.Trim()));
        Assert.Contains("app2:", lines.Select(l => l.Trim()));
    }

    [Fact]
    public void Every_setting_the_dockerfile_sets_is_a_setting_the_app_reads_and_the_image_runs_as_a_non_root_user()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        var variables = DockerEnv().Matches(dockerfile).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(variables);
        Assert.All(variables.Where(v => !IsPlatformVariable(v)), v => Assert.Contains(v.Replace("__", ":"), Known));
        Assert.Matches(@"(?m)^USER \$APP_UID", dockerfile);
        Assert.Equal(2, Regex.Matches(dockerfile, @"(?m)^FROM ").Count);
    }

    [Fact]
    public void The_readme_documents_every_setting_as_its_environment_variable()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        // A list setting (Security:KnownProxies) is documented with its first index.
        Assert.All(ConfigurationKeys.All, s => Assert.True(readme.Contains($"`{s.EnvironmentVariable}`") || readme.Contains($"`{s.EnvironmentVariable}__0`"),
            $"{s.EnvironmentVariable} is not documented"));
    }

    [Fact]
    public void The_app_settings_files_hold_only_settings_the_app_reads()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "Orchestrator"), "appsettings*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var key in Leaves(json.RootElement, "").Where(k => !k.StartsWith("Serilog:", StringComparison.Ordinal) && k is not "AllowedHosts" and not "DetailedErrors"))
                Assert.True(Known.Contains(key), $"{Path.GetFileName(file)}: {key} is not a setting the app reads");
        }
    }

    private static IEnumerable<string> Leaves(JsonElement element, string prefix) => element.ValueKind == JsonValueKind.Object
        ? element.EnumerateObject().SelectMany(p => Leaves(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}:{p.Name}"))
        : [prefix];

    [GeneratedRegex(@"^\s+([A-Za-z_][A-Za-z0-9_]*):")]
    private static partial Regex VariableLine();

    [GeneratedRegex(@"(?:ENV\s+|\\\s*\n\s*)([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex DockerEnv();
}
