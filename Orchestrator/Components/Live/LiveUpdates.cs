namespace Orchestrator.Components.Live;

/// <summary>
/// Tells open screens that pathway data changed (an alert raised, a task created or done), so they reload
/// without the user refreshing. Each node's circuits hear that node's commits at once; on PostgreSQL the
/// <see cref="PostgresLiveBackplane"/> relays them to the other nodes and hands theirs back through
/// <see cref="Receive"/>. Publishing only asks each screen to reload (see <see cref="CoalescedRefresh"/>), so the
/// event dispatch that publishes never waits for screens, nor for the other nodes.
/// </summary>
public sealed class LiveUpdates
{
    /// <summary>Any change, committed on this node or another: the open screens reload.</summary>
    public event Action? Changed;

    /// <summary>A change committed on this node only: what a backplane relays to the other nodes.</summary>
    public event Action? CommittedHere;

    /// <summary>A change committed on this node: its screens reload and the other nodes are told.</summary>
    public void Publish()
    {
        Changed?.Invoke();
        CommittedHere?.Invoke();
    }

    /// <summary>A change another node committed (or may have, while this node could not hear them): the screens reload.</summary>
    public void Receive() => Changed?.Invoke();
}
