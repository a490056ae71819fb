namespace Orchestrator.Workflows.Persistence.Writing;

/// <summary>A step's captured writes waiting for the next group commit, and the answer its caller awaits.</summary>
internal sealed class PendingStep(List<RowWrite> writes)
{
    public List<RowWrite> Writes { get; } = writes;

    /// <summary>True once committed, false on a concurrency conflict (nothing of this step was kept).</summary>
    public TaskCompletionSource<bool> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
