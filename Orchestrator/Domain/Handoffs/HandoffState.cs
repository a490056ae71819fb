namespace Orchestrator.Domain.Handoffs;

/// <summary>Where a proposal to a downstream structure stands.</summary>
public enum HandoffState
{
    /// <summary>Waiting for the receiving structure's answer.</summary>
    Proposed,
    /// <summary>A structure took the person in.</summary>
    Accepted,
    /// <summary>Refused, with a reason.</summary>
    Refused,
    /// <summary>Nobody answered in time, or the pathway stopped waiting.</summary>
    Expired,
    /// <summary>
    /// The destination is outside the directory (médecin traitant, a hospital ward, the CPAM…) or no structure of its kind is
    /// in it: nobody could answer in the app, so the referent records the contact and confirms the orientation instead.
    /// </summary>
    External,
}
