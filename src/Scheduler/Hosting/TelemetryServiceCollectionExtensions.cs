using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pipeline.Scheduler.Engine.Telemetry;

namespace Pipeline.Scheduler.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry for the engine and its host: the engine's own meter and spans plus ASP.NET Core, HttpClient,
    /// runtime and Npgsql instrumentation. Metrics are served for Prometheus (see <see cref="MapPipelineMetrics"/>);
    /// both metrics and traces also go over OTLP when the standard OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static IServiceCollection AddPipelineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section))
            .Validate(o => o.SampleInterval > TimeSpan.Zero, "Telemetry:SampleInterval must be positive.")
            .Validate(o => o.PrometheusPath.Length == 0 || o.PrometheusPath.StartsWith('/'), "Telemetry:PrometheusPath must start with '/' (or be empty).")
            .ValidateOnStart();
        services.AddSingleton<RunStoreSample>();
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<PipelineTracing>();
        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        // Without a meter or tracer provider listening, the engine's instruments and spans are no-ops.
        if (!settings.Enabled) return services;
        services.AddSingleton<RunStoreTelemetryInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<RunStoreTelemetryInterceptor>());
        services.AddHostedService<RunStoreSampler>();

        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("pipeline-scheduler", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PipelineMetrics.MeterName, "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            })
            .WithTracing(tracing =>
            {
                // Roots only for requests to this host: Hangfire's own polling SQL would otherwise be a trace a second.
                tracing.SetSampler(new ParentBasedSampler(new RequestRootsSampler()))
                    .AddSource(PipelineTracing.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (otlp) tracing.AddOtlpExporter();
            });
        return services;
    }

    /// <summary>
    /// The Prometheus scrape endpoint (Telemetry:PrometheusPath, /metrics by default), open like the health probes
    /// unless Access:OpenMetrics=false (then a viewer's).
    /// </summary>
    public static IEndpointRouteBuilder MapPipelineMetrics(this IEndpointRouteBuilder endpoints)
    {
        var settings = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (!settings.Enabled || settings.PrometheusPath.Length == 0) return endpoints;
        var scrape = endpoints.MapPrometheusScrapingEndpoint(settings.PrometheusPath);
        if (endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Access.AccessOptions>>().Value.OpenMetrics)
            scrape.AllowAnonymous();
        return endpoints;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    /// <summary>Starts a trace for a request served by this host; any other span without a parent is dropped.</summary>
    private sealed class RequestRootsSampler : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Kind == ActivityKind.Server ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
    }
}
