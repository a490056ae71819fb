using Orchestrator.Domain.Staff;

namespace Orchestrator.Application.Security;

/// <summary>
/// Who is acting in this scope: the signed-in professional for HTTP requests, nobody (the system) for
/// workflow events and the demo seeder. Handlers that serve people call <see cref="Require"/>.
/// </summary>
public sealed class CurrentStaff
{
    /// <summary>The signed-in member; null for the system (workflow events, the demo seeder) or an anonymous caller.</summary>
    public StaffMember? Member { get; set; }

    /// <summary>The signed-in member, who must hold one of <paramref name="roles"/> (any role when none is given).</summary>
    /// <exception cref="AccessDeniedException">Nobody is signed in, or the member's role is not among <paramref name="roles"/>.</exception>
    public StaffMember Require(params StaffRole[] roles)
    {
        var member = Member ?? throw new AccessDeniedException("Authentification requise.");
        if (roles.Length > 0 && !roles.Contains(member.Role))
            throw new AccessDeniedException("Votre rôle ne permet pas cette action.");
        return member;
    }

    /// <summary>The signed-in member's id; null when nobody is.</summary>
    public Guid? Id => Member?.Id;
}
