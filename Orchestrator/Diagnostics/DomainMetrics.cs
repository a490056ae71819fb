using System.Diagnostics.Metrics;

namespace Orchestrator.Diagnostics;

/// <summary>The domain's instruments (meter <see cref="MeterName"/>): alerts raised by type, alert mails sent and waiting.</summary>
public sealed class DomainMetrics
{
    /// <summary>The meter's name, what OpenTelemetry's <c>AddMeter</c> is given.</summary>
    public const string MeterName = "Orchestrator";

    private readonly Counter<long> _alerts;
    private readonly Counter<long> _mailsSent;

    /// <summary>Creates the instruments; the mail queue length is read from the outbox when exported.</summary>
    public DomainMetrics(IMeterFactory meters, IServiceProvider services)
    {
        var meter = meters.Create(MeterName);
        _alerts = meter.CreateCounter<long>("orchestrator.alerts.raised", "{alert}", "Alerts raised (risk of a break in care), by type.");
        _mailsSent = meter.CreateCounter<long>("orchestrator.mail.sent", "{mail}", "Alert mails the relay accepted.");
        // Read lazily: the outbox depends on these metrics.
        meter.CreateObservableGauge("orchestrator.mail.queue.length",
            () => services.GetService<Notifications.AlertMailOutbox>()?.Pending ?? 0, "{mail}", "Alert mails waiting to be sent.");
    }

    /// <summary>An alert of <paramref name="type"/> was committed.</summary>
    public void AlertRaised(string type) => _alerts.Add(1, new KeyValuePair<string, object?>("alert.type", type));

    /// <summary>An alert mail was accepted by the relay.</summary>
    public void MailSent() => _mailsSent.Add(1);
}
