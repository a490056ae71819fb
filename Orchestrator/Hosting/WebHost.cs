using Orchestrator.Activities;
using Orchestrator.Api;
using Orchestrator.Security;
using Orchestrator.Workflows.Hosting;
using Serilog;
using Serilog.Formatting.Compact;

namespace Orchestrator.Hosting;

/// <summary>The web application on the embedded SQLite default (or PostgreSQL when configured).</summary>
public static class WebHost
{
    public static async Task RunAsync(string[] args)
    {
        var app = Build(args);
        await app.RunAsync();
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Host.UseSerilog((context, logger) => logger
            .ReadFrom.Configuration(context.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console()
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(OrchestratorPaths.LogDirectory(context.Configuration, context.HostingEnvironment), "orchestrator-.json"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30));
        configure?.Invoke(builder);

        var storage = OrchestratorPaths.Storage(builder.Configuration, builder.Environment);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
        builder.Services.AddWorkflows(storage, o => builder.Configuration.GetSection("Workflows").Bind(o));
        builder.Services.AddActivityLibrary();
        builder.Services.AddOrchestratorDomain(storage);
        builder.Services.AddLocalAccounts();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddHostedService<WorkflowBootstrapper>(); // before Quartz: the tables must exist when the reconciler runs
        builder.Services.AddQuartzTimers(storage);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging();
        app.UseAuthentication();
        app.UseCurrentStaff();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapDefinitionEndpoints();
        app.MapAuthEndpoints();
        app.MapPathwayEndpoints();
        app.MapParameterEndpoints();
        app.MapGet("/", HomePage.Render);
        return app;
    }
}
