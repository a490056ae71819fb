namespace Orchestrator.Components.Live;

/// <summary>
/// One screen's reloads: a change that arrives while a reload runs asks for one more afterwards, however
/// many arrive, so a burst of timers reloads an open screen twice, not once per event.
/// </summary>
public sealed class CoalescedRefresh(Func<Task> reload, Action<Exception> failed)
{
    private readonly Lock _gate = new();
    private bool _running;
    private bool _again;

    /// <summary>Starts a reload, or marks one as wanted after the one running; never waits for it.</summary>
    public void Request()
    {
        lock (_gate)
        {
            if (_running)
            {
                _again = true;
                return;
            }
            _running = true;
        }
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try { await reload(); }
            catch (ObjectDisposedException) { } // the screen closed meanwhile
            catch (Exception e) { failed(e); } // the next change tries again; nobody awaits this reload to tell
            lock (_gate)
            {
                if (!_again)
                {
                    _running = false;
                    return;
                }
                _again = false;
            }
        }
    }
}
