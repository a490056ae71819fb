namespace Orchestrator.Domain.Staff;

/// <summary>A professional with a local account; belongs to one structure (none for administrators and the regional viewer).</summary>
public sealed class StaffMember
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public StaffRole Role { get; set; }
    public Guid? StructureId { get; set; }
    public string? Email { get; set; }
    public string PasswordHash { get; set; } = "";
    public bool Active { get; set; } = true;

    /// <summary>The member leaves: no more sign-in, no new episodes; their people are handed to others by the caller.</summary>
    public void Deactivate()
    {
        if (!Active) throw new DomainException($"{DisplayName} a déjà quitté l'équipe.");
        Active = false;
    }
    /// <summary>The SHA-256 of the secret in the member's calendar feed address; replaced to revoke old subscriptions.</summary>
    public string? CalendarToken { get; set; }
}
