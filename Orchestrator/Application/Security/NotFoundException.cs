namespace Orchestrator.Application.Security;

/// <summary>What a request names does not exist, or the caller may not know it does (a 404); the message is French, for the user.</summary>
public sealed class NotFoundException(string message) : Exception(message);
