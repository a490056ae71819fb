using MediatR;

namespace Orchestrator.Application.Messaging;

/// <summary>Notifications a command handler queues; they are published only once its changes are committed.</summary>
public sealed class PostCommitNotifications
{
    private readonly List<INotification> _pending = [];

    /// <summary>Queues <paramref name="notification"/> for publication after the commit.</summary>
    public void Add(INotification notification) => _pending.Add(notification);

    internal List<INotification> TakeAll()
    {
        var taken = _pending.ToList();
        _pending.Clear();
        return taken;
    }
}
