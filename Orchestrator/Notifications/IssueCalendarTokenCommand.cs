using System.Security.Cryptography;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Persistence;

namespace Orchestrator.Notifications;

/// <summary>Gives the signed-in member a new secret calendar address; the previous one stops working.</summary>
public sealed record IssueCalendarTokenCommand : ICommand<string>;

/// <summary>Handles <see cref="IssueCalendarTokenCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class IssueCalendarTokenHandler(OrchestratorDbContext db, CurrentStaff current) : IRequestHandler<IssueCalendarTokenCommand, string>
{
    /// <inheritdoc/>
    public async Task<string> Handle(IssueCalendarTokenCommand request, CancellationToken cancellationToken)
    {
        var id = current.Require().Id;
        var member = await db.Staff.FirstAsync(s => s.Id == id, cancellationToken);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        member.CalendarToken = Hash(token); // only the hash is kept: a copy of the database cannot read anyone's agenda
        return token;
    }

    /// <summary>The stored form of a calendar token: SHA-256 of its UTF-8 bytes, upper-case hexadecimal.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
