using System.Reflection;

namespace Orchestrator.Workflows.Extensibility;

/// <summary>The activities a definition may name, read from their attributes; the validator and the designer use it.</summary>
public sealed class ActivityCatalog
{
    private readonly Dictionary<string, ActivityDescriptor> _byType = new(StringComparer.Ordinal);

    /// <summary>Reads the <see cref="ActivityAttribute"/> and <see cref="ActivityInputAttribute"/>s of each of <paramref name="activityTypes"/>.</summary>
    /// <exception cref="InvalidOperationException">A type has no <see cref="ActivityAttribute"/>.</exception>
    /// <exception cref="ArgumentException">Two types declare the same activity name.</exception>
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

    /// <summary>Every registered activity, for the designer's palette.</summary>
    public IReadOnlyCollection<ActivityDescriptor> All => _byType.Values;

    /// <summary>Whether a service task may name <paramref name="type"/> in its <c>orc:activity</c>.</summary>
    public bool Contains(string type) => _byType.ContainsKey(type);

    /// <summary>The activity named <paramref name="type"/>, or null.</summary>
    public ActivityDescriptor? Find(string type) => _byType.GetValueOrDefault(type);
}
