namespace Orchestrator.Domain.Handoffs;

/// <summary>
/// One structure's refusal of a proposal addressed to every structure of a kind (no structure named): the proposal stays
/// open for the others, and leaves this structure's list; the last candidate's refusal refuses the proposal itself.
/// </summary>
public sealed class HandoffRefusal
{
    /// <summary>The refusal's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The proposal refused.</summary>
    public Guid HandoffId { get; init; }
    /// <summary>The structure that refused.</summary>
    public Guid StructureId { get; init; }
    /// <summary>The staff member who answered for it.</summary>
    public Guid StaffId { get; init; }
    /// <summary>Why, in French, as the answering structure wrote it.</summary>
    public required string Reason { get; init; }
    /// <summary>When the structure refused (UTC).</summary>
    public DateTimeOffset At { get; init; }
}
