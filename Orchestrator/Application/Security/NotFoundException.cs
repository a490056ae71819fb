namespace Orchestrator.Application.Security;

/// <summary>What a request names does not exist (a 404); the message is French, for the user.</summary>
public sealed class NotFoundException(string message) : Exception(message);
