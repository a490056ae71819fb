using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Consents;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Outbox;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.People;
using Orchestrator.Domain.Reports;
using Orchestrator.Domain.Settings;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Persistence;

/// <summary>
/// The domain's tables; they share the database file (or PostgreSQL database) with the engine's. The host uses one
/// subclass per provider (<see cref="Migrations.SqliteOrchestratorDbContext"/>, <see cref="Migrations.PostgresOrchestratorDbContext"/>),
/// each with its own migrations. Also the ASP.NET Core data-protection key ring (cookies, antiforgery), encrypted
/// by <see cref="Security.KeyProtection"/>.
/// </summary>
public class OrchestratorDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring, each key encrypted (see <see cref="Security.KeyProtection"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>A context without migrations of its own (tools and tests that read a database).</summary>
    public OrchestratorDbContext(DbContextOptions<OrchestratorDbContext> options) : base(options) { }

    /// <summary>For the per-provider subclasses.</summary>
    protected OrchestratorDbContext(DbContextOptions options) : base(options) { }

    /// <summary>How the release before migrations recorded this schema, so that its databases are adopted at the baseline.</summary>
    public virtual LegacySchema? PreMigrationSchema => null;

    /// <summary>
    /// Whether one process owns this database: an embedded SQLite file is opened by one host (several nodes share PostgreSQL). A
    /// claim found in it when that host starts was left by its previous run, killed mid-work, and no longer holds.
    /// </summary>
    public bool HasOneNode => Database.IsSqlite();

    /// <summary>Structures and their sites.</summary>
    public DbSet<Structure> Structures => Set<Structure>();
    /// <summary>Sites of the structures.</summary>
    public DbSet<Site> Sites => Set<Site>();
    /// <summary>Staff members (local accounts).</summary>
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    /// <summary>People supported, by pseudonym.</summary>
    public DbSet<Person> People => Set<Person>();
    /// <summary>Civil identities: read only through an audited query.</summary>
    public DbSet<PersonIdentity> Identities => Set<PersonIdentity>();
    /// <summary>Notes of people's records.</summary>
    public DbSet<CareNote> CareNotes => Set<CareNote>();
    /// <summary>People's journeys across structures.</summary>
    public DbSet<Pathway> Pathways => Set<Pathway>();
    /// <summary>Episodes: a person in a structure.</summary>
    public DbSet<Episode> Episodes => Set<Episode>();
    /// <summary>Dated milestones of episodes.</summary>
    public DbSet<Milestone> Milestones => Set<Milestone>();
    /// <summary>Risks of a break in care.</summary>
    public DbSet<Alert> Alerts => Set<Alert>();
    /// <summary>The overdue-task scan's progress (one row).</summary>
    public DbSet<OverdueScanMark> OverdueScanMarks => Set<OverdueScanMark>();
    /// <summary>Alert mails to send.</summary>
    public DbSet<AlertMail> AlertMails => Set<AlertMail>();
    /// <summary>Work domain transitions owe, done after commit.</summary>
    public DbSet<DomainOutboxEntry> DomainOutbox => Set<DomainOutboxEntry>();
    /// <summary>Refusals of proposals addressed to every structure of a kind.</summary>
    public DbSet<HandoffRefusal> HandoffRefusals => Set<HandoffRefusal>();

    /// <summary>The index that keeps a person to one active episode per structure.</summary>
    public const string OneActiveEpisodePerStructure = "IX_episodes_one_active_per_structure";
    /// <summary>Proposals to downstream structures.</summary>
    public DbSet<Handoff> Handoffs => Set<Handoff>();
    /// <summary>People's consents to share their record outside their care team.</summary>
    public DbSet<Consent> Consents => Set<Consent>();
    /// <summary>Reads and changes of personal data; never deleted.</summary>
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    /// <summary>Administrators' values for definitions' parameters.</summary>
    public DbSet<PathwaySetting> Settings => Set<PathwaySetting>();
    /// <summary>Recourses to outside care, counted by reports.</summary>
    public DbSet<CareRecourse> CareRecourses => Set<CareRecourse>();
    /// <summary>Narrative sections of structures' annual reports.</summary>
    public DbSet<ReportNarrative> ReportNarratives => Set<ReportNarrative>();

    /// <summary>Instants are stored as UTC (ticks on SQLite, <c>timestamptz</c> on PostgreSQL); enums as their names (at most 40 characters).</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        if (Database.IsSqlite()) conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        else conventions.Properties<DateTimeOffset>().HaveConversion<UtcOffsetConverter>(); // Npgsql writes timestamptz from UTC only
        conventions.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    /// <summary>Maps the domain to tables, keys, indexes and concurrency tokens.</summary>
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<AlertMail>(e =>
        {
            e.ToTable("alert_mails");
            e.HasIndex(m => new { m.State, m.NextAttemptAt });
            e.HasIndex(m => m.AlertId);
            e.Property(m => m.ClaimedBy).HasMaxLength(100);
            e.Property(m => m.LastError).HasMaxLength(500);
        });
        model.Entity<Structure>(e =>
        {
            e.ToTable("structures");
            e.HasMany(s => s.Sites).WithOne().HasForeignKey(s => s.StructureId);
            e.Ignore(s => s.Capacity);
        });
        model.Entity<Site>().ToTable("sites");
        model.Entity<StaffMember>(e =>
        {
            e.ToTable("staff");
            e.HasIndex(s => s.UserName).IsUnique();
        });
        model.Entity<Person>().ToTable("people");
        model.Entity<PersonIdentity>(e =>
        {
            e.ToTable("person_identities");
            e.HasKey(i => i.PersonId);
        });
        model.Entity<CareNote>(e =>
        {
            e.ToTable("care_notes");
            e.HasIndex(n => n.PersonId);
        });
        model.Entity<Pathway>(e =>
        {
            e.ToTable("pathways");
            e.HasIndex(p => p.PersonId);
        });
        model.Entity<Episode>(e =>
        {
            e.ToTable("episodes");
            e.HasIndex(x => x.PersonId);
            e.HasIndex(x => new { x.StructureId, x.Status });
            e.HasIndex(x => x.ReferentId);
            e.Ignore(x => x.IsActive);
            e.Ignore(x => x.OccupiesPlace);
            e.Property(x => x.Version).IsConcurrencyToken();
            // At most one active episode of a person per structure, whoever opens it and however concurrently.
            e.HasIndex(x => new { x.PersonId, x.StructureId }).IsUnique().HasFilter("\"Status\" = 'Active'").HasDatabaseName(OneActiveEpisodePerStructure);
        });
        model.Entity<Milestone>(e =>
        {
            e.ToTable("milestones");
            e.HasIndex(m => m.EpisodeId);
        });
        model.Entity<Alert>(e =>
        {
            e.ToTable("alerts");
            e.HasIndex(a => new { a.State, a.DueAt });
            // The risk board reads the unresolved alerts of a team's episodes: with the state in the index, years of resolved
            // alerts are skipped inside it (a quarter of the board's time at 100,000 episodes), not read row by row.
            e.HasIndex(a => new { a.EpisodeId, a.State });
            e.HasIndex(a => a.PersonId); // the person page lists every alert of the person
            e.HasIndex(a => a.SourceEventId).IsUnique();
            e.Ignore(a => a.SeverityRank);
            e.Property(a => a.Version).IsConcurrencyToken();
        });
        model.Entity<Handoff>(e =>
        {
            e.ToTable("handoffs");
            e.HasIndex(h => h.EpisodeId);
            e.HasIndex(h => h.PersonId); // the person page lists every handoff of the person
            e.Property(h => h.Version).IsConcurrencyToken();
            e.Property(h => h.SharedSummary).HasMaxLength(2000);
        });
        model.Entity<HandoffRefusal>(e =>
        {
            e.ToTable("handoff_refusals");
            // A structure refuses a proposal once, however many of its members click at the same time.
            e.HasIndex(r => new { r.HandoffId, r.StructureId }).IsUnique();
            e.Property(r => r.Reason).HasMaxLength(1000);
        });
        model.Entity<DomainOutboxEntry>(e =>
        {
            e.ToTable("domain_outbox");
            e.HasIndex(o => new { o.CompletedAt, o.NextAttemptAt });
            e.HasIndex(o => new { o.Kind, o.SubjectId }).IsUnique();
            e.Property(o => o.Kind).HasMaxLength(60);
            e.Property(o => o.ClaimedBy).HasMaxLength(100);
            e.Property(o => o.LastError).HasMaxLength(500);
        });
        model.Entity<Consent>(e =>
        {
            e.ToTable("consents");
            e.HasIndex(c => c.PersonId);
            e.Ignore(c => c.IsActive);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.HasIndex(a => a.PersonId);
        });
        model.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        model.Entity<CareRecourse>(e =>
        {
            e.ToTable("care_recourses");
            e.HasIndex(r => new { r.StructureId, r.At });
            e.HasIndex(r => r.PersonId);
        });
        model.Entity<ReportNarrative>(e =>
        {
            e.ToTable("report_narratives");
            e.HasIndex(n => new { n.StructureId, n.Year, n.Section }).IsUnique();
            e.Property(n => n.Section).HasMaxLength(40);
            e.Property(n => n.Text).HasMaxLength(ReportNarrative.MaxLength);
        });
        model.Entity<PathwaySetting>(e =>
        {
            e.ToTable("pathway_settings");
            e.HasKey(s => new { s.DefinitionKey, s.Name, s.StructureId });
        });
        model.Entity<OverdueScanMark>(e =>
        {
            e.ToTable("overdue_scan_marks");
            e.Property(m => m.Id).ValueGeneratedNever();
        });
    }
}
