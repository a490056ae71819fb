using Microsoft.Extensions.DependencyInjection;
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
        await h.Services.GetRequiredService<AlertMailQueue>().DrainAsync();

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
        var queue = h.Services.GetRequiredService<AlertMailQueue>();
        await queue.DrainAsync(); // fails: tried again in a minute

        using var smtp = SimpleSmtpServer.Start(port);
        await queue.DrainAsync();
        Assert.Equal(0, smtp.ReceivedEmailCount); // not before its time
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await queue.DrainAsync();

        Assert.Contains("DIPC non remis", Assert.Single(smtp.ReceivedEmail).Subject);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
