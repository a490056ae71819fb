namespace Orchestrator.Domain.Handoffs;

public enum HandoffState
{
    Proposed,
    Accepted,
    Refused,
    Expired,
}
