using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Orchestrator.Components.Shared;
using Orchestrator.Persistence;

namespace Orchestrator.Notifications;

/// <summary>
/// Mails an alert to the episode's referent (or, without one, to the structure). The mail leaves the
/// care team's systems, so it names no person: the type of alert, the structure, the deadline and a link
/// to the record, which asks for sign-in.
/// </summary>
public sealed class AlertMailer(IServiceScopeFactory scopes, IOptions<SmtpOptions> options)
{
    /// <summary>Whether mail is configured (<see cref="SmtpOptions.Host"/> set).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Host);

    /// <summary>Sends the alert's mail; false when there is nobody to send it to (or mail is off). Throws what the relay answers.</summary>
    public async Task<bool> SendAsync(Guid alertId, CancellationToken ct)
    {
        var smtp = options.Value;
        if (smtp.Host is not { Length: > 0 } host) return false;
        var message = await ComposeAsync(alertId, smtp, ct);
        if (message is null) return false;
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = smtp.Port == SmtpOptions.ImplicitTlsPort ? SecureSocketOptions.SslOnConnect
            : smtp.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
        await client.ConnectAsync(host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
        return true;
    }

    private async Task<MimeMessage?> ComposeAsync(Guid alertId, SmtpOptions smtp, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null) return null;
        var episode = await db.Episodes.AsNoTracking().FirstAsync(e => e.Id == alert.EpisodeId, ct);
        var structure = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == alert.StructureId, ct);
        var to = episode.ReferentId is { } referentId
            ? await db.Staff.AsNoTracking().Where(s => s.Id == referentId && s.Active).Select(s => new { s.Email, s.DisplayName }).FirstOrDefaultAsync(ct)
            : null;
        var address = to?.Email ?? structure.Email;
        if (string.IsNullOrWhiteSpace(address)) return null;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(new MailboxAddress(to?.DisplayName ?? structure.Name, address));
        message.Subject = $"[Orchestrator] Alerte {RoleLabels.Severity(alert.Severity)} : {RoleLabels.AlertType(alert.Type)}";
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Bonjour,

                Une alerte de rupture de parcours a été levée pour une personne que vous suivez.

                Alerte : {RoleLabels.AlertType(alert.Type)} (gravité {RoleLabels.Severity(alert.Severity)})
                {alert.Message}
                Structure : {structure.Name}
                À traiter avant le : {RoleLabels.Date(alert.DueAt)}

                Dossier (connexion requise) : {smtp.PublicUrl.TrimEnd('/')}/personnes/{alert.PersonId}

                Ce message ne contient volontairement aucune information nominative.
                """,
        };
        return message;
    }
}
