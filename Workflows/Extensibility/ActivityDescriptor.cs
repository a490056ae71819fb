namespace Orchestrator.Workflows.Extensibility;

/// <summary>An activity as its attributes declare it.</summary>
/// <param name="Type">The name a service task's <c>orc:activity</c> gives.</param>
/// <param name="DisplayName">Its name in the designer (French).</param>
/// <param name="Description">What it does, for the designer.</param>
/// <param name="Inputs">The <c>orc:input</c>s it reads.</param>
/// <param name="ImplementationType">The <see cref="IActivity"/> class, resolved from the services for each run.</param>
public sealed record ActivityDescriptor(string Type, string DisplayName, string? Description,
    IReadOnlyList<ActivityInputAttribute> Inputs, Type ImplementationType);
