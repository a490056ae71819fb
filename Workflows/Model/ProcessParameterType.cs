namespace Orchestrator.Workflows.Model;

public enum ProcessParameterType
{
    /// <summary>An ISO 8601 duration such as P15D or P2M.</summary>
    Duration,
    Text,
    Number,
}
