namespace Orchestrator.Application.Security;

/// <summary>The signed-in professional may not see or change this; the API answers 403 without saying more.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
