namespace Orchestrator.Domain;

/// <summary>A change the current state does not allow (admitting a closed episode, accepting an expired handoff…).</summary>
public sealed class DomainException(string message) : Exception(message);
