namespace Orchestrator.Components.Live;

/// <summary>
/// Tells open screens that pathway data changed (an alert raised, a task created or done), so they reload
/// without the user refreshing. In-process: each node's circuits hear that node's commits.
/// </summary>
public sealed class LiveUpdates
{
    public event Func<Task>? Changed;

    public async Task PublishAsync()
    {
        if (Changed is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
        {
            try { await handler(); }
            catch (ObjectDisposedException) { } // a circuit that closed between the event and its refresh
        }
    }
}
