using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Mail;

/// <summary>
/// The alert mails an administrator watches: how many wait, and those every attempt of which failed, newest first, with the
/// relay's answer. A mail names no person, and neither does this list (alert type and structure only).
/// </summary>
public sealed record AlertMailsQuery : IRequest<AlertMailsView>;

/// <summary>Counts by state and the dead-lettered mails (at most 200).</summary>
public sealed record AlertMailsView(int Pending, int Sent, int DeadLetter, IReadOnlyList<DeadLetterMail> DeadLetters);

/// <summary>A mail every attempt of which failed.</summary>
public sealed record DeadLetterMail(Guid Id, string AlertType, string Structure, DateTimeOffset CreatedAt, int Attempts, string? LastError);

/// <summary>Handles <see cref="AlertMailsQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class AlertMailsHandler(OrchestratorDbContext db, CurrentStaff current) : IRequestHandler<AlertMailsQuery, AlertMailsView>
{
    /// <inheritdoc/>
    public async Task<AlertMailsView> Handle(AlertMailsQuery request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.Administrator);
        var counts = await db.AlertMails.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var dead = await (from m in db.AlertMails
                          where m.State == AlertMailState.DeadLetter
                          join a in db.Alerts on m.AlertId equals a.Id
                          join s in db.Structures on a.StructureId equals s.Id
                          select new { m.Id, a.Type, s.Name, m.CreatedAt, m.Attempts, m.LastError })
            .ToListAsync(cancellationToken);
        return new AlertMailsView(counts.GetValueOrDefault(AlertMailState.Pending), counts.GetValueOrDefault(AlertMailState.Sent),
            counts.GetValueOrDefault(AlertMailState.DeadLetter),
            dead.OrderByDescending(d => d.CreatedAt).Take(200).Select(d => new DeadLetterMail(d.Id, d.Type, d.Name, d.CreatedAt, d.Attempts, d.LastError)).ToList());
    }
}
