using Orchestrator.Activities;
using Orchestrator.Api;
using MudBlazor.Services;
using Orchestrator.Components;
using Orchestrator.Components.Live;
using Orchestrator.Components.Shared;
using Orchestrator.Hosting.Health;
using Orchestrator.Diagnostics;
using Orchestrator.Notifications;
using Orchestrator.Security;
using Orchestrator.Workflows.Hosting;
using Serilog;
using Serilog.Formatting.Compact;

namespace Orchestrator.Hosting;

/// <summary>The web application on the embedded SQLite default (or PostgreSQL when configured).</summary>
public static class WebHost
{
    /// <summary>Builds the web application from <paramref name="args"/> and runs it until shutdown.</summary>
    public static async Task RunAsync(string[] args)
    {
        var app = Build(args);
        await app.RunAsync();
    }

    /// <summary>Builds the web application; <paramref name="configure"/> (tests) may change the builder before services are added.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args, ContentRootPath = AppContext.BaseDirectory,
            // The static web assets manifest is named after the app, also when a test process hosts it.
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
        });
        builder.Host.UseSerilog((context, services, logger) => logger
            .ReadFrom.Configuration(context.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<RequestLogging.MaskSecretPaths>()
            .WriteTo.Console()
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(OrchestratorPaths.LogDirectory(context.Configuration, context.HostingEnvironment), "orchestrator-.json"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30), preserveStaticLogger: true);
        builder.WebHost.UseStaticWebAssets(); // serves wwwroot and the libraries' assets from the build output too, not only when published
        configure?.Invoke(builder);

        var storage = OrchestratorPaths.Storage(builder.Configuration, builder.Environment);
        // HTTPS only (Secure cookies, redirection, HSTS) everywhere but on a developer's machine, unless turned off explicitly.
        var httpsOnly = builder.Configuration.GetValue("Security:HttpsOnly", !builder.Environment.IsDevelopment());
        var bodyLimit = RequestBodyLimit.Bytes(builder.Configuration);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = bodyLimit);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemMapping.Frenchify);
        // A parameter the framework cannot read is raised in every environment, so that its 400 names it in French (ParameterBinding);
        // otherwise only development does, and production answered an English « Bad Request » naming nothing.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, Api.ProblemJsonWriter>(); // after the framework's: problems reach clients that asked for a file too
        // French pages: accented letters as they are, not as HTML entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
        builder.Services.AddWorkflows(storage, o => builder.Configuration.GetSection("Workflows").Bind(o));
        builder.Services.AddActivityLibrary();
        builder.Services.Configure<Application.Security.CareTeamOptions>(builder.Configuration.GetSection("Orchestrator:CareTeam"));
        builder.Services.Configure<Application.Consents.ConsentOptions>(builder.Configuration.GetSection("Orchestrator:Consents"));
        builder.Services.Configure<Application.Retention.RetentionOptions>(builder.Configuration.GetSection("Orchestrator:Retention"));
        builder.Services.AddOrchestratorDomain(storage, o => builder.Configuration.GetSection("Smtp").Bind(o));
        // Several nodes share a PostgreSQL database: a change committed on one reaches the screens open on the others.
        if (storage.Provider == Workflows.Hosting.DatabaseProvider.PostgreSql) builder.Services.AddPostgresLiveUpdates(storage.ConnectionString);
        builder.Services.AddLocalAccounts(builder.Configuration, httpsOnly);
        builder.Services.AddSignInThrottling();
        builder.Services.AddProtectedKeyRing(builder.Configuration, builder.Environment);
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 2 * 1024 * 1024); // a definition's XML comes back from the designer in one message
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        builder.Services.AddMudServices();
        // The screens' texts live in Resources/ (French, the product's language, is the neutral culture).
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddScoped<Dispatcher>();
        builder.Services.AddHostedService<Notifications.AlertMailSender>();
        builder.Services.AddHostedService<Application.Outbox.DomainOutboxService>();
        builder.Services.Configure<Application.Tasks.OverdueTaskOptions>(builder.Configuration.GetSection("Orchestrator:OverdueTasks"));
        builder.Services.AddHostedService<WorkflowBootstrapper>(); // before Quartz: the tables must exist when the reconciler runs
        builder.Services.AddHostedService<Application.Tasks.OverdueTaskService>(); // after the bootstrapper: its first scan sees the demo data
        builder.Services.AddHostedService<Application.Retention.RecordRetentionService>();
        // "clock": timers fire only when someone drives the clock (browser tests on a fake clock); Quartz otherwise.
        var quartz = builder.Configuration["Orchestrator:Timers"] != "clock";
        builder.Services.AddReadinessChecks(quartz);
        builder.Services.AddOrchestratorTelemetry(builder.Configuration);
        if (!quartz) builder.Services.AddClockDrivenTimers();
        else builder.Services.AddQuartzTimers(storage, configure: timers =>
        {
            if (builder.Configuration.GetValue<TimeSpan?>("Orchestrator:QuartzHorizon") is { } horizon) timers.Horizon = horizon;
            if (builder.Configuration.GetValue<TimeSpan?>("Orchestrator:ClusterCheckinInterval") is { } checkin) timers.ClusterCheckinInterval = checkin;
            if (builder.Configuration.GetValue<TimeSpan?>("Orchestrator:QuartzStoreCallTimeout") is { } bound) timers.StoreCallTimeout = bound;
        });

        var app = builder.Build();
        app.UseKnownProxies(app.Configuration);
        // Outside the exception handler, so that each request is logged at the status the client got.
        app.UseOrchestratorRequestLogging();
        app.UseExceptionHandler();
        // The API answers problem details; a person who typed or followed a wrong address gets the French page, with the menu.
        app.UseWhen(context => IsApi(context.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/introuvable", createScopeForStatusCodePages: true));
        // Every request (pages, the circuit's connection, the API) runs in French: the screens, the validator's reasons and
        // the numbers read as a French administrator expects. Another language would be added to the supported cultures.
        app.UseRequestLocalization(o => o.SetDefaultCulture(Application.Formatting.FrenchDates.Culture.Name)
            .AddSupportedCultures(Application.Formatting.FrenchDates.Culture.Name)
            .AddSupportedUICultures(Application.Formatting.FrenchDates.Culture.Name));
        // Routing after the status code pages, so that re-executing "/introuvable" finds its page.
        app.UseRouting();
        if (httpsOnly)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        app.UseRequestBodyLimit(bodyLimit);
        app.UseSignInThrottling();
        app.UseAuthentication();
        app.UseCurrentStaff();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapDefinitionEndpoints();
        app.MapAuthEndpoints();
        app.MapPathwayEndpoints();
        app.MapParameterEndpoints();
        app.MapReportEndpoints();
        app.MapOperationsEndpoints();
        app.MapSignInEndpoints();
        if (OidcSignIn.IsConfigured(app.Configuration)) app.MapOidcSignIn();
        app.MapCalendarFeed();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/calendrier");
}
