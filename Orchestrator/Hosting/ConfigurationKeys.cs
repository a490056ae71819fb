using System.Reflection;
using Orchestrator.Notifications;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Hosting;

/// <summary>
/// Every setting the app reads, as a configuration path (<c>Section:Key</c>). Each can be given in <c>appsettings.json</c>, as
/// <c>--Section:Key=value</c> on the command line, or as the environment variable <c>Section__Key</c>. The README documents
/// each and the container files may set only these (both are checked by tests).
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>A setting: its configuration path and what it does.</summary>
    public sealed record Setting(string Key, string Description)
    {
        /// <summary>The environment variable that sets it.</summary>
        public string EnvironmentVariable => Key.Replace(":", "__", StringComparison.Ordinal);
    }

    /// <summary>The settings, in the order the README lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } =
    [
        new("ConnectionStrings:Postgres", "PostgreSQL connection string; set, the app runs on PostgreSQL with a clustered Quartz store instead of SQLite."),
        new("ConnectionStrings:Quartz", "Quartz's own store on PostgreSQL, when not the application database."),
        new("Orchestrator:DataDirectory", "Folder of the SQLite files and logs (default ./data)."),
        new("Orchestrator:LogDirectory", "Folder of the rolling JSON logs (default <data>/logs)."),
        new("Orchestrator:DefinitionsDirectory", "Folder of the BPMN files imported on first start (default: the shipped ones)."),
        new("Orchestrator:DemoData", "true (default) fills an empty SQLite database with the demo; never on PostgreSQL."),
        new("Orchestrator:MigrateOnStart", "true (default) applies pending schema migrations at start-up; false leaves them to `migrate`."),
        new("Orchestrator:QuartzHorizon", "How far ahead Quartz holds timers (time span, default 01:00:00)."),
        new("Orchestrator:ClusterCheckinInterval", "With several nodes: how often each checks in to Quartz's clustered store; one silent about twice as long is taken for dead and its timers fired by another (00:00:07.5)."),
        new("Orchestrator:QuartzStoreCallTimeout", "The longest one call into Quartz's store may take before it is logged as failed and left to the next reconciliation (00:02:00)."),
        new("Orchestrator:Timers", "clock: timers fire only when a test drives the clock (browser tests); Quartz otherwise."),
        new("Orchestrator:OverdueTasks:Grace", "How long past its due time an open task raises « Tâche en retard » (2 days)."),
        new("Orchestrator:OverdueTasks:Escalation", "How long past its due time an open task is escalated to the director (14 days)."),
        new("Orchestrator:OverdueTasks:Period", "How often open tasks are checked (15 minutes)."),
        new("Orchestrator:CareTeam:ReadMonthsAfterEnd", "Calendar months a structure still reads a person's record after its episode ended (default 3)."),
        new("Orchestrator:Consents:ValidityMonths", "Calendar months after which a consent to share expires unless it says less (default 12)."),
        new("Orchestrator:Retention:YearsAfterLastEpisode", "Calendar years a record is kept after its last episode closed, then archived (default 5)."),
        new("Orchestrator:Retention:Period", "How often records past their retention period are looked for (1 day)."),
        new("Orchestrator:MaxRequestBodySize", "Bytes a request body may have (413 beyond)."),
        new("Security:HttpsOnly", "Secure cookies, HTTPS redirection and HSTS (true outside Development)."),
        new("Security:KnownProxies", "Reverse proxies whose forwarded client address is believed (a list)."),
        new("Security:SignIn:PerAddressLimit", "Sign-in attempts from one address per window."),
        new("Security:SignIn:PerAccountLimit", "Sign-in attempts on one user name per window."),
        new("Security:SignIn:Window", "The window of both sign-in limits."),
        new("Security:SignIn:LockoutThreshold", "Wrong passwords in a row that lock an account."),
        new("Security:SignIn:LockoutDuration", "How long a locked account refuses every password."),
        new("DataProtection:CertificatePath", "PKCS#12 certificate encrypting the data-protection keys."),
        new("DataProtection:CertificatePassword", "Its password."),
        new("DataProtection:KeyEncryptionKey", "Else a base64 AES-256 key encrypting them (shared by every node)."),
        new("DataProtection:KeyEncryptionKeyFile", "Else the file where such a key is generated on first start."),
        new("OpenTelemetry:OtlpEndpoint", "OTLP endpoint metrics and traces are exported to (also OTEL_EXPORTER_OTLP_ENDPOINT); none by default."),
        new("Authentication:OpenIdConnect:Authority", "OpenID Connect provider; set with ClientId, sign-in through it is offered."),
        new("Authentication:OpenIdConnect:ClientId", "OpenID Connect client id."),
        new("Authentication:OpenIdConnect:ClientSecret", "OpenID Connect client secret (user secrets or the environment, never a file)."),
        new("Authentication:OpenIdConnect:DisplayName", "Label of the OpenID Connect sign-in button."),
        .. Options<SmtpOptions>("Smtp", "Alert mail"),
        .. Options<WorkflowOptions>("Workflows", "Engine"),
    ];

    private static IEnumerable<Setting> Options<T>(string section, string what) =>
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true)
            .Select(p => new Setting($"{section}:{p.Name}", $"{what}: see {typeof(T).Name}.{p.Name}."));
}
