namespace Orchestrator.Workflows.Tests.Support;

/// <summary>
/// The engine cases (<c>Cases/Engine/BH-*.bpmn</c>): small processes other engines are known to get wrong, each
/// with the behaviour BPMN 2.0 requires in its <c>.expected.txt</c>. Tests load them as they are, unedited.
/// </summary>
public static class EngineCases
{
    public static string Folder => System.IO.Path.Combine(AppContext.BaseDirectory, "Cases", "Engine");

    /// <summary>The XML of the case file whose name starts with <paramref name="prefix"/> (e.g. "BH-03-").</summary>
    public static string Read(string prefix) => File.ReadAllText(PathOf(prefix));

    public static string PathOf(string prefix) =>
        Directory.GetFiles(Folder, prefix + "*.bpmn").OrderBy(f => f.Length).First();
}
