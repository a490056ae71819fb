using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Workflows.Persistence.Writing;

/// <summary>The step's own transaction through EF Core; right for a server database, where writers do not queue behind one lock.</summary>
public sealed class EfStepWriter : IStepWriter
{
    /// <inheritdoc/>
    public async Task<bool> WriteAsync(WorkflowDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
