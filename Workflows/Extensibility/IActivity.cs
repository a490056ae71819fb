namespace Orchestrator.Workflows.Extensibility;

/// <summary>
/// What a service task does. Runs inside the instance's step, so it must not commit anything of its
/// own: it returns outputs, asks to wait for a message, or emits events that the host handles after
/// the step commits.
/// </summary>
public interface IActivity
{
    /// <summary>Runs the activity for one service task within the step; an exception fails the step, which is rolled back with an incident naming the task.</summary>
    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken);
}
