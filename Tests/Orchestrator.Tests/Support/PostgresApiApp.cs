using Microsoft.AspNetCore.Hosting;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Tests.Support;

/// <summary>The same web host on a fresh PostgreSQL database (application, engine and a clustered Quartz store).</summary>
public sealed class PostgresApiApp : ApiApp
{
    private TestPostgres? _database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Postgres", _database!.Storage.ConnectionString);
    }

    public override async Task InitializeAsync()
    {
        if (TestPostgres.ServerConnectionString is null) return; // every test here is skipped
        _database = await TestPostgres.CreateDatabaseAsync();
        await base.InitializeAsync();
    }

    protected override async Task AfterHostDisposedAsync()
    {
        if (_database is not null) await _database.DropAsync();
    }
}
