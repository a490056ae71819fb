using Orchestrator.Application.Audit;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;

namespace Orchestrator.Application.People;

/// <summary>The one gate of every read of a person's record: the care-team rule, and the audited trace of a refusal.</summary>
public static class PersonReads
{
    /// <summary>
    /// Lets the read go on when <paramref name="staff"/> may read the record now (<see cref="CareTeam.EnsureCanSeeAsync"/>);
    /// otherwise leaves a <c>person.read.denied</c> audit row, so attempts can be reviewed, and throws.
    /// </summary>
    /// <exception cref="AccessDeniedException">The staff member may not read the record.</exception>
    public static async Task EnsureCanReadAuditedAsync(this CareTeam careTeam, AuditTrail audit, StaffMember staff, Guid personId, CancellationToken ct)
    {
        try
        {
            await careTeam.EnsureCanSeeAsync(staff, personId, ct);
        }
        catch (AccessDeniedException refused)
        {
            await audit.RecordRefusalAsync("person.read.denied", personId, refused.Message, ct);
            throw;
        }
    }
}
