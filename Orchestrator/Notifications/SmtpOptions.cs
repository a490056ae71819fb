namespace Orchestrator.Notifications;

/// <summary>The SMTP relay alerts are mailed through (section <c>Smtp</c>); no host, no mail.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool StartTls { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "orchestrator@localhost";
    /// <summary>The address people open the app at, for the links in mails and calendar entries.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";
}
