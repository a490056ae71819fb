using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Orchestrator.Tests.Components;

/// <summary>
/// The screens' texts live in <c>Orchestrator/Resources/</c>, one <c>.resx</c> per component at the component's path
/// (<c>Components/Pages/Team.razor</c> reads <c>Resources/Components/Pages/Team.resx</c> through its <c>L</c>; the base
/// class <c>Components/Shared/AppPage.cs</c> reads <c>AppPage.resx</c> through its <c>Shared</c>), French being the
/// neutral language. Every text a screen asks for is there, not empty, and found at run time.
/// </summary>
public sealed partial class ScreenTextResourceTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> LocalizedComponents()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "Orchestrator", "Components"), "*.*", SearchOption.AllDirectories).Order())
            if (Path.GetExtension(file) is ".razor" or ".cs" && !file.EndsWith(".razor.cs", StringComparison.Ordinal)
                && File.ReadAllText(file).Contains("IStringLocalizer<", StringComparison.Ordinal))
                data.Add(Path.GetRelativePath(Path.Combine(Root, "Orchestrator"), file).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(LocalizedComponents))]
    public void Every_text_a_screen_asks_for_is_in_its_resource_file_and_every_text_there_is_asked_for(string component)
    {
        var texts = Texts(component);
        var code = File.ReadAllText(Path.Combine(Root, "Orchestrator", component))
            + (File.Exists(Path.Combine(Root, "Orchestrator", component + ".cs")) ? File.ReadAllText(Path.Combine(Root, "Orchestrator", component + ".cs")) : "");
        var uses = Use().Matches(code).Select(m => (Key: m.Groups["key"].Value, WithArguments: m.Groups["args"].Success)).ToList();

        Assert.NotEmpty(uses);
        foreach (var (key, withArguments) in uses)
        {
            Assert.True(texts.TryGetValue(key, out var text), $"{component} asks for « {key} », which its resource file lacks");
            Assert.False(string.IsNullOrWhiteSpace(text), $"{component}: « {key} » is empty");
            // A text filled in (L["Key", value]) has its {0}; one shown as it is has none, or the braces would show.
            Assert.True(withArguments == Placeholder().IsMatch(text), $"{component}: « {key} » is used {(withArguments ? "with" : "without")} arguments but reads « {text} »");
        }
        Assert.Empty(texts.Keys.Except(uses.Select(u => u.Key)));
    }

    [Theory]
    [MemberData(nameof(LocalizedComponents))]
    public void The_application_finds_each_text_of_a_screen_in_French(string component)
    {
        var type = typeof(Orchestrator.Hosting.WebHost).Assembly.GetType("Orchestrator." + WithoutExtension(component).Replace('/', '.'), throwOnError: true)!;
        using var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        var localizer = services.GetRequiredService<IStringLocalizerFactory>().Create(type);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            foreach (var (key, text) in Texts(component))
            {
                var found = localizer[key];
                Assert.False(found.ResourceNotFound, $"{component}: « {key} » is not found at run time");
                Assert.Equal(text, found.Value);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Every_resource_file_belongs_to_a_component()
    {
        var resources = Path.Combine(Root, "Orchestrator", "Resources");
        foreach (var file in Directory.EnumerateFiles(resources, "*.resx", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(resources, file);
            var component = Regex.Replace(relative, @"(\.[a-z]{2}(-[A-Z]{2})?)?\.resx$", "");
            Assert.True(File.Exists(Path.Combine(Root, "Orchestrator", component + ".razor")) || File.Exists(Path.Combine(Root, "Orchestrator", component + ".cs")),
                $"{relative} has no component {component}");
        }
    }

    private static Dictionary<string, string> Texts(string component)
    {
        var path = Path.Combine(Root, "Orchestrator", "Resources", WithoutExtension(component) + ".resx");
        Assert.True(File.Exists(path), $"{component} has no resource file {path}");
        return XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
    }

    private static string WithoutExtension(string component) => component[..component.LastIndexOf('.')];

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Orchestrator.sln not found above the test binaries");
    }

    [GeneratedRegex("""\b(?:L|Shared)\["(?<key>[A-Za-z0-9_]+)"(?<args>\s*,)?""")]
    private static partial Regex Use();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
