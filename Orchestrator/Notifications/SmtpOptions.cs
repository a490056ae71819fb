namespace Orchestrator.Notifications;

/// <summary>The SMTP relay alerts are mailed through (section <c>Smtp</c>); no host, no mail.</summary>
public sealed class SmtpOptions
{
    /// <summary>The relay's host name; null or blank turns mail off.</summary>
    public string? Host { get; set; }
    /// <summary>The relay's TCP port (25 by default); on 465 the connection is TLS from its first byte (implicit TLS, RFC 8314).</summary>
    public int Port { get; set; } = 25;
    /// <summary>
    /// Upgrade the connection with STARTTLS (required when true); false sends in clear on any port but 465. Credentials
    /// (<see cref="UserName"/>) are never sent in clear: with them, the start-up refuses this false on another port.
    /// </summary>
    public bool StartTls { get; set; }
    /// <summary>The relay account; null or empty to send without authentication.</summary>
    public string? UserName { get; set; }
    /// <summary>The relay account's password (a secret: user secrets or the environment, never the repository).</summary>
    public string? Password { get; set; }
    /// <summary>The sender address of alert mails.</summary>
    public string From { get; set; } = "orchestrator@localhost";
    /// <summary>Whether the connection is encrypted: implicit TLS on port 465, or STARTTLS.</summary>
    public bool Encrypted => Port == ImplicitTlsPort || StartTls;

    /// <summary>The port of SMTP submission over implicit TLS (RFC 8314 § 3.3).</summary>
    public const int ImplicitTlsPort = 465;

    /// <summary>The address people open the app at, for the links in mails and calendar entries.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";
}
