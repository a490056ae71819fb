namespace Orchestrator.Domain.Handoffs;

/// <summary>
/// One structure's refusal of a proposal addressed to every structure of a kind (no structure named): the proposal stays
/// open for the others, and leaves this structure's list; the last candidate's refusal refuses the proposal itself.
/// </summary>
public sealed class HandoffRefusal
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid HandoffId { get; init; }
    public Guid StructureId { get; init; }
    public Guid StaffId { get; init; }
    public required string Reason { get; init; }
    /// <summary>When the structure refused (UTC).</summary>
    public DateTimeOffset At { get; init; }
}
