using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// Brings a context's tables to its latest migration. EF Core applies the migrations under its own database
/// lock, so several nodes starting together apply each migration once. A database written by the release
/// before migrations is first adopted at the baseline migration (recognised, never recreated).
/// </summary>
public static class SchemaMigrator
{
    /// <summary>The table that held the pre-migration fingerprints; kept read-only after adoption.</summary>
    public const string LegacyFingerprintTable = "orc_schema";

    /// <summary>Applies every pending migration of <paramref name="db"/>, adopting a pre-migration database first.</summary>
    /// <exception cref="SchemaMigrationException">The database has tables this release cannot recognise.</exception>
    public static async Task MigrateAsync(DbContext db, LegacySchema? legacy, CancellationToken ct = default)
    {
        if (legacy is not null) await AdoptPreMigrationDatabaseAsync(db, legacy, ct);
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>Migrations not yet applied to the database, oldest first (adoption of a pre-migration database counts as applied).</summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(DbContext db, LegacySchema? legacy, CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (legacy is not null && pending.Count > 0 && await NeedsAdoptionAsync(db, legacy, ct)) pending.RemoveAt(0);
        return pending;
    }

    /// <summary>
    /// The SQL a database administrator runs instead of <see cref="MigrateAsync"/>. On PostgreSQL it is idempotent (safe on a
    /// database at any migration); SQLite cannot check a migration inside a script, so there it starts from the migration the
    /// database is at (or from an empty database).
    /// </summary>
    public static async Task<string> ScriptAsync(DbContext db, CancellationToken ct = default)
    {
        var migrator = db.GetService<IMigrator>();
        if (!db.Database.IsSqlite()) return migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        string? from = null;
        if (await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct) && await HistoryExistsAsync(db, ct))
            from = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
        return $"-- SQLite, from {(from is null ? "an empty database" : "migration " + from)} to the latest\n" + migrator.GenerateScript(fromMigration: from);
    }

    private static async Task<bool> NeedsAdoptionAsync(DbContext db, LegacySchema legacy, CancellationToken ct) =>
        !await HistoryExistsAsync(db, ct) && await TableExistsAsync(db, legacy.ProbeTable, ct);

    // Npgsql's history repository answers "exists" before the table is there (it creates it under its lock), so ask the catalog.
    private static Task<bool> HistoryExistsAsync(DbContext db, CancellationToken ct) =>
        TableExistsAsync(db, RelationalOptionsExtension.Extract(db.GetService<IDbContextOptions>()).MigrationsHistoryTableName
            ?? HistoryRepository.DefaultTableName, ct);

    private static async Task AdoptPreMigrationDatabaseAsync(DbContext db, LegacySchema legacy, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct)) return;
        if (await HistoryExistsAsync(db, ct) || !await TableExistsAsync(db, legacy.ProbeTable, ct)) return;

        var baseline = db.Database.GetMigrations().FirstOrDefault()
            ?? throw new SchemaMigrationException($"{db.GetType().Name} has no migrations to adopt the existing tables at.");
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // SQLite's BEGIN IMMEDIATE and PostgreSQL's advisory lock keep two nodes from adopting at once.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7280731)", ct);
            if (await HistoryExistsAsync(db, ct)) return;

            var fingerprint = await ReadFingerprintAsync(db, legacy.ContextName, ct);
            if (fingerprint is null || !legacy.Fingerprints.Contains(fingerprint, StringComparer.OrdinalIgnoreCase))
                throw new SchemaMigrationException(
                    $"The database holds {db.GetType().Name} tables that were not written by a known release " +
                    $"(schema fingerprint {fingerprint ?? "missing"}). It was not changed. Restore a backup taken by a release, " +
                    "or upgrade it first with the release that created it.");
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string?> ReadFingerprintAsync(DbContext db, string context, CancellationToken ct)
    {
        if (!await TableExistsAsync(db, LegacyFingerprintTable, ct)) return null;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT fingerprint FROM {LegacyFingerprintTable} WHERE context = @context";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@context";
        parameter.Value = context;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    private static async Task<bool> TableExistsAsync(DbContext db, string table, CancellationToken ct)
    {
        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = db.Database.IsSqlite()
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@table";
            parameter.Value = table;
            command.Parameters.Add(parameter);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct)) > 0;
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>The database cannot be brought to this release's schema without someone deciding; nothing was changed.</summary>
public sealed class SchemaMigrationException(string message) : Exception(message);

/// <summary>The engine's side of <see cref="SchemaMigrator"/>, for hosts that resolve its context factory.</summary>
public static class WorkflowSchema
{
    /// <summary>Brings the engine's tables to the latest migration.</summary>
    /// <exception cref="SchemaMigrationException">The database has engine tables this release cannot recognise.</exception>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<IDbContextFactory<WorkflowDbContext>>(services).CreateDbContextAsync(ct);
        await SchemaMigrator.MigrateAsync(db, db.PreMigrationSchema, ct);
    }
}
