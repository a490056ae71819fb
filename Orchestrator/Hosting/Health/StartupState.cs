namespace Orchestrator.Hosting.Health;

/// <summary>Whether start-up work (migrations, shipped definitions, demo data) is done; the readiness check waits for it.</summary>
public sealed class StartupState
{
    private volatile bool _done;

    /// <summary>True once the bootstrapper has finished.</summary>
    public bool Done => _done;

    /// <summary>Called by the bootstrapper when its work is committed.</summary>
    public void MarkDone() => _done = true;
}
