namespace Orchestrator.Components.Live;

/// <summary>
/// Tells open screens that pathway data changed (an alert raised, a task created or done), so they reload
/// without the user refreshing. In-process: each node's circuits hear that node's commits. Publishing only
/// asks each screen to reload (see <see cref="CoalescedRefresh"/>), so the event dispatch that publishes
/// never waits for screens.
/// </summary>
public sealed class LiveUpdates
{
    public event Action? Changed;

    public void Publish() => Changed?.Invoke();
}
