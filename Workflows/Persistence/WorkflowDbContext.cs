using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// The engine's tables (prefix <c>wf_</c>). The host uses one subclass per provider
/// (<see cref="Migrations.SqliteWorkflowDbContext"/>, <see cref="Migrations.PostgresWorkflowDbContext"/>), because each
/// provider has its own set of migrations and EF Core finds a context's migrations by its type.
/// </summary>
public class WorkflowDbContext : DbContext
{
    /// <summary>A context without migrations of its own (tools and tests that build the model only).</summary>
    public WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : base(options) { }

    /// <summary>For the per-provider subclasses.</summary>
    protected WorkflowDbContext(DbContextOptions options) : base(options) { }

    /// <summary>How the release before migrations recorded this schema, so that its databases are adopted at the baseline.</summary>
    public virtual LegacySchema? PreMigrationSchema => null;

    /// <summary>Definition versions (<c>wf_definitions</c>).</summary>
    public DbSet<WorkflowDefinitionRecord> Definitions => Set<WorkflowDefinitionRecord>();
    /// <summary>Instances (<c>wf_instances</c>).</summary>
    public DbSet<WorkflowInstanceRecord> Instances => Set<WorkflowInstanceRecord>();
    /// <summary>Where instances wait: tasks, timers, messages.</summary>
    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();
    /// <summary>User tasks as people see them.</summary>
    public DbSet<HumanTaskRecord> Tasks => Set<HumanTaskRecord>();
    /// <summary>Instances' history (<c>wf_history</c>).</summary>
    public DbSet<ActivityHistoryRecord> History => Set<ActivityHistoryRecord>();
    /// <summary>Messages published before anything waited for them.</summary>
    public DbSet<PendingMessageRecord> PendingMessages => Set<PendingMessageRecord>();
    /// <summary>Background steps that failed.</summary>
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();
    /// <summary>Events written with their step, handed to the host after commit.</summary>
    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();

    /// <inheritdoc/>
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite has no date type: UTC ticks keep due times comparable and sortable in SQL.
        if (Database.IsSqlite()) conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        else conventions.Properties<DateTimeOffset>().HaveConversion<UtcOffsetConverter>(); // Npgsql writes timestamptz from UTC only
    }

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<WorkflowDefinitionRecord>(e =>
        {
            e.ToTable("wf_definitions");
            e.HasIndex(d => new { d.Key, d.Version }).IsUnique();
            e.Property(d => d.Key).HasMaxLength(200);
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        });
        model.Entity<WorkflowInstanceRecord>(e =>
        {
            e.ToTable("wf_instances");
            e.Property(i => i.Version).IsConcurrencyToken();
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(i => i.BusinessKey);
            e.HasIndex(i => new { i.DefinitionKey, i.Status });
            // The administrator's instances screen lists the most recently active first: without this, a region's
            // hundreds of thousands of instances are sorted for each opening.
            e.HasIndex(i => i.UpdatedAt);
        });
        model.Entity<BookmarkRecord>(e =>
        {
            e.ToTable("wf_bookmarks");
            e.HasIndex(b => b.InstanceId);
            e.HasIndex(b => new { b.MessageName, b.CorrelationKey });
            e.HasIndex(b => new { b.Kind, b.DueAt });
        });
        model.Entity<HumanTaskRecord>(e =>
        {
            e.ToTable("wf_tasks");
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(t => new { t.Status, t.DueAt });
            e.HasIndex(t => t.InstanceId);
            // The host reads an episode's tasks by its business key (boards, « Mes tâches », the person page): without this,
            // every such read walks all open or all completed tasks of the region.
            e.HasIndex(t => new { t.BusinessKey, t.Status });
            // Work opened since a moment (the host's overdue scan, a task created already late): without this, each such read
            // walks every open task of the region.
            e.HasIndex(t => new { t.Status, t.CreatedAt });
        });
        model.Entity<ActivityHistoryRecord>(e =>
        {
            e.ToTable("wf_history");
            e.HasIndex(h => h.InstanceId);
        });
        model.Entity<PendingMessageRecord>(e =>
        {
            e.ToTable("wf_pending_messages");
            e.HasIndex(m => new { m.Name, m.CorrelationKey });
        });
        model.Entity<IncidentRecord>(e =>
        {
            e.ToTable("wf_incidents");
            e.HasIndex(i => i.InstanceId);
        });
        model.Entity<OutboxRecord>(e => e.ToTable("wf_outbox"));
    }
}
