using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Workflows.Tests.Definitions;

/// <summary>
/// Why a definition is refused is read in the current UI culture: French for the administrators of the web app, English
/// (the neutral resources) for the command line and the logs. Every reason of <c>Reasons.resx</c> has its French.
/// </summary>
public sealed partial class ReasonLanguageTests
{
    [Fact]
    public void Under_French_a_refused_flow_is_explained_in_French_naming_the_element_it_leads_to_by_its_name()
    {
        var problem = Assert.Single(InCulture("fr-FR", () => BpmnParser.Validate(EngineCases.Read("BH-04-"))));

        Assert.Equal("race", problem.ElementId);
        Assert.Equal(8, problem.Line);
        Assert.StartsWith("le flux sortant « f1 » (ligne 16) mène à un élément qui ne convient pas (la tâche humaine « Appeler la personne »)",
            problem.Reason);
    }

    [Fact]
    public void Under_French_an_unreachable_task_and_a_wrong_duration_are_explained_in_French()
    {
        const string xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:test">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:userTask id="alone" name="Tâche oubliée" orc:role="referent" orc:dueIn="deux semaines" />
                <bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e" />
                <bpmn:sequenceFlow id="f2" sourceRef="alone" targetRef="e" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        var reasons = InCulture("fr-FR", () => BpmnParser.Validate(xml)).Where(p => p.ElementId == "alone").Select(p => p.Reason).ToList();

        Assert.Contains("l'élément est inaccessible : aucun flux n'y mène", reasons);
        Assert.Contains("l'échéance (orc:dueIn) : « deux semaines » n'est pas une durée ISO 8601 comme P15D (15 jours), P2M (2 mois) ou PT48H (48 heures).", reasons);
    }

    [Theory]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <bpmn:process id=\"p\">\n</bpmn:definitions>",
        "la balise « bpmn:process » ouverte ligne 2 n'est pas fermée avant la balise fermante « bpmn:definitions » (ligne 3, colonne 3)")]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <bpmn:process id=\"p\">",
        "le fichier s'arrête avant la fermeture de ces éléments : bpmn:process, bpmn:definitions")]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" name=\"Soins & suivi\" />",
        "un « & » n'est pas échappé (écrivez &amp; dans un texte ou un attribut) (ligne 1")]
    [InlineData("<orc:definitions />", "le préfixe « orc » n'est pas déclaré")]
    [InlineData("pas un diagramme", "le contenu n'est pas du XML (ligne 1, colonne 1)")]
    public void Under_French_a_file_the_XML_reader_refuses_is_explained_in_French_with_where_it_stopped(string xml, string expected)
    {
        var problem = Assert.Single(InCulture("fr-FR", () => BpmnParser.Validate(xml)));

        Assert.Equal("document", problem.ElementType);
        Assert.StartsWith("le fichier est illisible (XML mal formé) : ", problem.Reason);
        Assert.Contains(expected, problem.Reason);
        Assert.DoesNotMatch(@"\b(Line|position|unexpected|Unexpected|expected|does not|prefix)\b", problem.Reason);
    }

    [Fact]
    public void Under_the_invariant_culture_the_reasons_stay_in_English_for_the_command_line()
    {
        var problem = Assert.Single(InCulture("", () => BpmnParser.Validate(EngineCases.Read("BH-04-"))));

        Assert.Contains("outgoing flow 'f1' (line 16) leads to userTask 'callPerson'", problem.Reason);
    }

    [Fact]
    public void Every_reason_has_a_French_translation_with_no_argument_its_description_does_not_give()
    {
        var english = Entries("Reasons.resx");
        var french = Entries("Reasons.fr.resx");

        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.Empty(french.Keys.Except(english.Keys));
        foreach (var (key, (neutral, comment)) in english)
        {
            var translated = french[key].Value;
            Assert.False(string.IsNullOrWhiteSpace(translated), $"{key} has no French");
            // Each argument a resource takes is described in its comment ("{0} the field's name, {1} …"); a resource
            // never reads one more, or string.Format would throw when the validator writes it.
            var described = Placeholders(comment ?? "");
            Assert.True(Placeholders(neutral).IsSubsetOf(described), $"{key}: the English reads an argument its comment does not describe");
            Assert.True(Placeholders(translated).IsSubsetOf(described), $"{key}: the French reads an argument its comment does not describe");
            _ = string.Format(CultureInfo.InvariantCulture, translated, Enumerable.Repeat<object?>("x", described.Count + 1).ToArray());
        }
    }

    private static HashSet<int> Placeholders(string text) =>
        Placeholder().Matches(text.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();

    [GeneratedRegex(@"\{(\d+)[,:}]")]
    private static partial Regex Placeholder();

    private static Dictionary<string, (string Value, string? Comment)> Entries(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln"))) directory = directory.Parent;
        var path = Path.Combine(directory!.FullName, "Workflows", "Validation", file);
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => ((string)d.Element("value")!, (string?)d.Element("comment")));
    }

    private static T InCulture<T>(string culture, Func<T> action)
    {
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try { return action(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting); }
    }
}
