using System.Reflection;

namespace Orchestrator.Workflows.Extensibility;

/// <summary>The activities a definition may name, read from their attributes; the validator and the designer use it.</summary>
public sealed class ActivityCatalog
{
    private readonly Dictionary<string, ActivityDescriptor> _byType = new(StringComparer.Ordinal);

    public ActivityCatalog(IEnumerable<Type> activityTypes)
    {
        foreach (var type in activityTypes)
        {
            var attribute = type.GetCustomAttribute<ActivityAttribute>()
                ?? throw new InvalidOperationException($"{type.Name} implements IActivity but has no [Activity] attribute.");
            _byType.Add(attribute.Type, new ActivityDescriptor(attribute.Type, attribute.DisplayName, attribute.Description,
                type.GetCustomAttributes<ActivityInputAttribute>().ToList(), type));
        }
    }

    public IReadOnlyCollection<ActivityDescriptor> All => _byType.Values;

    public bool Contains(string type) => _byType.ContainsKey(type);

    public ActivityDescriptor? Find(string type) => _byType.GetValueOrDefault(type);
}
