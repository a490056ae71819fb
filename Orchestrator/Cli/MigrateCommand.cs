using System.CommandLine;
using Orchestrator.Hosting;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Cli;

/// <summary>
/// <c>migrate [--script] [--Section:Key=value]...</c>: brings the configured database (SQLite files of
/// <c>Orchestrator:DataDirectory</c>, or <c>ConnectionStrings:Postgres</c>) to this release's schema, as the web app does at
/// start-up; <c>--script</c> prints the idempotent SQL instead, for a database administrator. Exit 0 when done, 1 when the
/// database cannot be migrated (nothing changed), 2 for a usage error.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var script = new Option<bool>("--script") { Description = "Print the SQL (idempotent: safe on a database at any migration) instead of applying it." };
        var command = new Command("migrate", "Apply pending schema migrations to the configured database (both the engine's and the domain's tables).")
        {
            script,
        };
        command.TreatUnmatchedTokensAsErrors = false; // configuration keys are checked below
        command.SetAction(async (parsed, ct) =>
        {
            if (!OrchestratorCommand.AcceptsSettings(parsed, "migrate", stderr)) return 2;
            var settings = parsed.UnmatchedTokens.ToArray();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings, ContentRootPath = AppContext.BaseDirectory });
            var storage = OrchestratorPaths.Storage(builder.Configuration, builder.Environment);
            await using var services = new ServiceCollection().AddClockDrivenOrchestrator(storage, TimeProvider.System).BuildServiceProvider();
            if (parsed.GetValue(script))
            {
                await stdout.WriteLineAsync(await DomainServices.MigrationScriptAsync(services, ct));
                return 0;
            }
            try
            {
                var pending = await DomainServices.PendingMigrationsAsync(services, ct);
                await DomainServices.MigrateDatabaseAsync(services, ct);
                await stdout.WriteLineAsync(pending.Count == 0
                    ? $"The {storage.Provider} database is up to date."
                    : $"Applied {pending.Count} migration(s) to the {storage.Provider} database: {string.Join(", ", pending)}.");
                return 0;
            }
            catch (SchemaMigrationException e)
            {
                await stderr.WriteLineAsync("migrate: " + e.Message);
                return 1;
            }
        });
        return command;
    }
}
