namespace Orchestrator.Notifications;

/// <summary>Sends queued alert mails in the background of the web host.</summary>
public sealed class AlertMailSender(AlertMailQueue queue) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => queue.RunAsync(stoppingToken);
}
