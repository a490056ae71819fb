namespace Orchestrator.Cli;

internal enum SimulatePolicy
{
    /// <summary>Every open user task is completed (in document order) before any timer fires.</summary>
    UsersFirst,
    /// <summary>The earliest due timer fires before any user task is completed.</summary>
    TimersFirst,
}
