namespace Orchestrator.Workflows.Hosting;

internal sealed record ActivityRegistration(Type ActivityType);
