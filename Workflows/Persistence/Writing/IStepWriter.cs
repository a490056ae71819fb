namespace Orchestrator.Workflows.Persistence.Writing;

/// <summary>Commits what one step changed in its context, all or nothing.</summary>
public interface IStepWriter
{
    /// <returns>False when another step changed one of the same rows first (optimistic concurrency); nothing was written.</returns>
    Task<bool> WriteAsync(WorkflowDbContext db, CancellationToken ct);
}
