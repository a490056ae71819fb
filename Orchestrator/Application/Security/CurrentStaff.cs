using Orchestrator.Domain.Staff;

namespace Orchestrator.Application.Security;

/// <summary>
/// Who is acting in this scope: the signed-in professional for HTTP requests, nobody (the system) for
/// workflow events and the demo seeder. Handlers that serve people call <see cref="Require"/>.
/// </summary>
public sealed class CurrentStaff
{
    public StaffMember? Member { get; set; }

    public StaffMember Require(params StaffRole[] roles)
    {
        var member = Member ?? throw new AccessDeniedException("Authentification requise.");
        if (roles.Length > 0 && !roles.Contains(member.Role))
            throw new AccessDeniedException("Votre rôle ne permet pas cette action.");
        return member;
    }

    public Guid? Id => Member?.Id;
}
