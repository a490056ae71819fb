namespace Orchestrator.Workflows.Runtime;

/// <summary>Where a token stands in its step.</summary>
public enum TokenStatus
{
    /// <summary>About to execute its element.</summary>
    Ready,
    /// <summary>Holds bookmarks on its element (task, catch event, event-based gateway, call activity).</summary>
    Waiting,
    /// <summary>Owns the child tokens of an embedded sub-process.</summary>
    Scope,
    /// <summary>Arrived at a parallel or inclusive join and waits for the other incoming flows.</summary>
    Joining,
    /// <summary>Released by an inclusive join: it passes the gateway without joining again.</summary>
    Joined,
    /// <summary>
    /// Holds the bookmark of an event sub-process's start event (message, timer, signal) while its enclosing scope runs.
    /// It does not keep the scope alive: the scope completes without it, and withdraws it.
    /// </summary>
    Listening,
}
