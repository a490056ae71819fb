namespace Orchestrator.Application.Security;

public sealed class NotFoundException(string message) : Exception(message);
