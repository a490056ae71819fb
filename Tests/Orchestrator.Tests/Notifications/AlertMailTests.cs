using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Alerts;
using Orchestrator.Persistence;
using netDumbster.smtp;
using Orchestrator.Notifications;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Notifications;

public sealed class AlertMailTests
{
    [Fact]
    public async Task A_new_alert_is_mailed_to_the_referent_through_a_real_smtp_server_without_naming_the_person()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var h = await PathwayHarness.CreateAsync(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = port;
            o.From = "alertes@orchestrator.test";
            o.PublicUrl = "https://parcours.exemple.fr";
        });
        var episodeId = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episodeId, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episodeId, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        Assert.Equal(0, smtp.ReceivedEmailCount);

        await h.AdvanceAsync(TimeSpan.FromDays(16));
        Assert.Equal(0, smtp.ReceivedEmailCount); // queued: event dispatch never waits on the relay
        await h.Services.GetRequiredService<AlertMailOutbox>().SendDueAsync();

        var mail = Assert.Single(smtp.ReceivedEmail);
        Assert.Equal("lhss-socialworker@exemple.fr", mail.ToAddresses.Single().Address);
        Assert.Contains("DIPC non remis", mail.Subject);
        var body = mail.MessageParts[0].BodyData;
        Assert.Contains("https://parcours.exemple.fr/personnes/", body);
        Assert.Contains("22/01/2026 09:00", body); // raised on 20/01 with two days to act, in Paris time and French format
        var person = (await h.EpisodeAsync(episodeId)).PersonId;
        Assert.DoesNotContain("T. ", body);
        Assert.Contains(person.ToString(), body);
    }

    [Fact]
    public async Task A_mail_the_relay_refused_is_sent_on_a_later_attempt()
    {
        var port = FreePort(); // nothing listens there yet: the relay is down
        await using var h = await PathwayHarness.CreateAsync(o => (o.Host, o.Port) = ("127.0.0.1", port));
        var episodeId = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episodeId, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episodeId, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.AdvanceAsync(TimeSpan.FromDays(16));
        var outbox = h.Services.GetRequiredService<AlertMailOutbox>();
        await outbox.SendDueAsync(); // fails: tried again in a minute

        using var smtp = SimpleSmtpServer.Start(port);
        await outbox.SendDueAsync();
        Assert.Equal(0, smtp.ReceivedEmailCount); // not before its time
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await outbox.SendDueAsync();

        Assert.Contains("DIPC non remis", Assert.Single(smtp.ReceivedEmail).Subject);
    }

    [Fact]
    public async Task A_mail_waiting_when_the_host_is_killed_is_sent_once_after_the_restart()
    {
        var port = FreePort();
        await using var h = await AdmittedAsync(port);
        await h.AdvanceAsync(TimeSpan.FromDays(16)); // "DIPC non remis" raised; its mail is committed with it, not yet sent
        Assert.Equal(1, await MailsAsync(h, AlertMailState.Pending));

        await h.RestartAsync();
        using var smtp = SimpleSmtpServer.Start(port);
        await h.Services.GetRequiredService<AlertMailOutbox>().SendDueAsync();
        await h.Services.GetRequiredService<AlertMailOutbox>().SendDueAsync();

        Assert.Contains("DIPC non remis", Assert.Single(smtp.ReceivedEmail).Subject);
        Assert.Equal(1, await MailsAsync(h, AlertMailState.Sent));
    }

    [Fact]
    public async Task Two_nodes_sending_at_the_same_time_send_each_mail_once()
    {
        var port = FreePort();
        await using var h = await AdmittedAsync(port);
        for (var i = 0; i < 4; i++) await AdmitAsync(h);
        await h.AdvanceAsync(TimeSpan.FromDays(16)); // five DIPC deadlines pass
        var waiting = await MailsAsync(h, AlertMailState.Pending);
        Assert.Equal(5, waiting);

        using var smtp = SimpleSmtpServer.Start(port);
        await using var other = h.NewNode();
        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            (i % 2 == 0 ? h.Services : other).GetRequiredService<AlertMailOutbox>().SendDueAsync())));

        Assert.Equal(waiting, sent.Sum());
        Assert.Equal(waiting, smtp.ReceivedEmailCount);
        Assert.Equal(waiting, await MailsAsync(h, AlertMailState.Sent));
    }

    [Fact]
    public async Task A_mail_refused_at_every_attempt_is_left_for_an_administrator_who_can_send_it_again()
    {
        var port = FreePort(); // the relay stays down
        await using var h = await AdmittedAsync(port);
        await h.AdvanceAsync(TimeSpan.FromDays(16));
        var outbox = h.Services.GetRequiredService<AlertMailOutbox>();
        foreach (var wait in new[] { 0, 1, 5, 30 })
        {
            h.Clock.Advance(TimeSpan.FromMinutes(wait));
            await outbox.SendDueAsync();
        }
        Assert.Equal(1, await MailsAsync(h, AlertMailState.DeadLetter));

        using var smtp = SimpleSmtpServer.Start(port);
        h.Clock.Advance(TimeSpan.FromHours(2));
        await outbox.SendDueAsync();
        Assert.Equal(0, smtp.ReceivedEmailCount); // dead letters wait for someone

        var admin = await h.AdministratorAsync();
        var retry = new Orchestrator.Application.Mail.RetryAlertMailCommand((await DeadLetterAsync(h)).Id);
        await Assert.ThrowsAsync<Orchestrator.Application.Security.AccessDeniedException>(() => h.SendAsync(retry, h.Staff(DeviceType.Lhss, StaffRole.Coordinator)));
        await h.SendAsync(retry, admin);
        await outbox.SendDueAsync();
        Assert.Equal(1, smtp.ReceivedEmailCount);
    }

    [Fact]
    public async Task The_administrator_screen_lists_dead_letters_by_alert_and_structure_and_sends_one_again()
    {
        var port = FreePort();
        await using var h = await AdmittedAsync(port);
        await h.AdvanceAsync(TimeSpan.FromDays(16));
        var outbox = h.Services.GetRequiredService<AlertMailOutbox>();
        foreach (var wait in new[] { 0, 1, 5, 30 })
        {
            h.Clock.Advance(TimeSpan.FromMinutes(wait));
            await outbox.SendDueAsync();
        }
        await using var context = Components.ComponentHarness.Context(h, await h.AdministratorAsync());

        var screen = context.Render<Orchestrator.Components.Pages.Admin.Mails>();

        screen.WaitForAssertion(() => Assert.Contains("En échec définitif : 1", screen.Find("[data-testid=mail-counts]").TextContent));
        var row = screen.Find("[data-testid=dead-letters] tbody tr");
        Assert.Contains("DIPC non remis", row.TextContent);
        Assert.Contains("LHSS", row.TextContent);
        Assert.DoesNotContain("T. ", row.TextContent); // no person named
        await row.QuerySelector("button")!.ClickAsync(new());
        Assert.Equal(1, await MailsAsync(h, AlertMailState.Pending));
    }

    private static async Task<PathwayHarness> AdmittedAsync(int port)
    {
        var h = await PathwayHarness.CreateAsync(o => (o.Host, o.Port, o.From) = ("127.0.0.1", port, "alertes@orchestrator.test"));
        await AdmitAsync(h);
        return h;
    }

    private static async Task AdmitAsync(PathwayHarness h)
    {
        var episodeId = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episodeId, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episodeId, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
    }

    private static async Task<int> MailsAsync(PathwayHarness h, AlertMailState state)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().AlertMails.CountAsync(m => m.State == state);
    }

    private static async Task<AlertMail> DeadLetterAsync(PathwayHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().AlertMails.SingleAsync(m => m.State == AlertMailState.DeadLetter);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
