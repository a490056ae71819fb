namespace Orchestrator.Application.Messaging;

/// <summary>Someone else changed the same thing at the same moment and their change won; nothing of this one was written (409).</summary>
public sealed class ConcurrentChangeException(string message, Exception inner) : Exception(message, inner);
