namespace Orchestrator.Workflows.Model;

/// <summary>The kind of value an <c>orc:parameter</c> holds.</summary>
public enum ProcessParameterType
{
    /// <summary>An ISO 8601 duration such as P15D or P2M.</summary>
    Duration,
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A number.</summary>
    Number,
}
