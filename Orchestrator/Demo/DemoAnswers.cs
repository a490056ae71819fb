using Bogus;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Demo;

/// <summary>What demo professionals answer in forms: mostly the usual outcome, sometimes the unhappy one.</summary>
internal static class DemoAnswers
{
    private static readonly Dictionary<string, (string Value, float Weight)[]> Choices = new()
    {
        ["decision"] = [("admit", 0.8f), ("refuse", 0.2f)],
        ["opinion"] = [("favourable", 0.85f), ("unfavourable", 0.15f)],
        ["renewal"] = [("renew", 0.45f), ("exit", 0.45f), ("against-advice", 0.1f)],
        ["nextStep"] = [("retry", 0.7f), ("close", 0.3f)],
        ["status"] = [("continue", 0.6f), ("close", 0.3f), ("new-meeting", 0.1f)],
        ["situation"] = [("stable", 0.6f), ("fragile", 0.3f), ("rupture", 0.1f)],
        ["visitOutcome"] = [("met", 0.85f), ("not-found", 0.15f)],
        ["contact"] = [("met", 0.8f), ("not-found", 0.15f), ("declined", 0.05f)],
        ["urgency"] = [("normal", 0.8f), ("urgent", 0.2f)],
    };

    private static readonly Dictionary<string, float> TrueRates = new()
    {
        ["hospitalCareNeeded"] = 0.1f, ["hasGeneralPractitioner"] = 0.6f, ["healthRightsOpen"] = 0.5f,
    };

    /// <summary>Answers for <paramref name="fields"/> given at <paramref name="now"/>; a date bounded by a deadline is set before <paramref name="dueAt"/>, the task's due date, when it has one.</summary>
    public static Dictionary<string, object?> For(IEnumerable<FormField> fields, Faker faker, DateTimeOffset now, DateTimeOffset? dueAt = null)
    {
        var values = new Dictionary<string, object?>();
        foreach (var field in fields.Where(f => f.Required || f.Type == FormFieldType.Choice))
            values[field.Name] = field.Type switch
            {
                FormFieldType.Choice when Choices.TryGetValue(field.Name, out var weighted) && weighted.All(w => field.Values.Contains(w.Value)) =>
                    faker.Random.WeightedRandom(weighted.Select(w => w.Value).ToArray(), weighted.Select(w => w.Weight).ToArray()),
                FormFieldType.Choice => faker.Random.Bool(0.75f) || field.Values.Count == 1 ? field.Values[0] : faker.PickRandom(field.Values.Skip(1)),
                FormFieldType.Boolean => faker.Random.Bool(TrueRates.GetValueOrDefault(field.Name, 0.9f)),
                // A bounded date (a meeting before its deadline) is taken soon; an open one (a prescription's end) later.
                FormFieldType.Date when field.Max is not null => Earliest(now.AddHours(faker.Random.Int(1, 12)), dueAt).ToString("O"),
                FormFieldType.Date => now.AddDays(faker.Random.Int(20, 90)).ToString("O"),
                FormFieldType.Number => 0,
                _ => faker.Lorem.Sentence(8),
            };
        return values;
    }

    private static DateTimeOffset Earliest(DateTimeOffset date, DateTimeOffset? bound) => bound is { } b && b < date ? b : date;
}
