using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Workflows.Diagnostics;
using Npgsql;
using Quartz.Diagnostics;

namespace Orchestrator.Diagnostics;

/// <summary>
/// OpenTelemetry metrics and traces: the engine's and the domain's instruments, ASP.NET Core, EF Core, Npgsql and Quartz.
/// They leave the process only through OTLP, and only when an endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or
/// <c>OpenTelemetry:OtlpEndpoint</c>); nothing is exported by default.
/// </summary>
public static class Telemetry
{
    /// <summary>The service name reported with every metric and span (<c>OTEL_SERVICE_NAME</c> overrides it).</summary>
    public const string ServiceName = "orchestrator";

    /// <summary>Registers the metrics and traces, and their OTLP (gRPC) export when an endpoint is configured.</summary>
    public static IServiceCollection AddOrchestratorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(WorkflowMetrics.MeterName, DomainMetrics.MeterName, QuartzInstrumentation.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(WorkflowMetrics.ActivitySourceName, QuartzInstrumentation.ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Npgsql"));
        var endpoint = configuration["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (endpoint is { Length: > 0 })
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        return services;
    }
}
