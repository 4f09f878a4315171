using HealthChecks.UI.Client;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Streams;

namespace Pipeline.Scheduler.Hosting.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Registers /health/live (the process answers) and /health/ready (one check per part the host depends
    /// on, each against the real service when one is configured; embedded parts are ready by being here).
    /// A failed check makes the host Unhealthy (503) unless Health:Optional names it.
    /// </summary>
    public static IServiceCollection AddPipelineHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section))
            .Validate(o => o.Timeout > TimeSpan.Zero, "Health:Timeout must be positive.")
            .Validate(o => o.Optional.All(name => HealthCheckNames.All.Contains(name)),
                $"Health:Optional may name only these checks: {string.Join(", ", HealthCheckNames.All)}.")
            .ValidateOnStart();
        var health = configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        var timeout = health.Timeout;
        HealthStatus FailureOf(string name) => health.Optional.Contains(name) ? HealthStatus.Degraded : HealthStatus.Unhealthy;
        string[] ready = [HealthCheckNames.ReadyTag];

        var checks = services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("answering"), [HealthCheckNames.LiveTag]);

        var postgres = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres))
            checks.AddCheck<RunStoreHealthCheck>(HealthCheckNames.RunStore, FailureOf(HealthCheckNames.RunStore), ready, timeout);
        else
            checks.AddNpgSql(postgres, name: HealthCheckNames.RunStore, failureStatus: FailureOf(HealthCheckNames.RunStore), tags: ready, timeout: timeout);

        checks.AddCheck<HangfireStorageHealthCheck>(HealthCheckNames.HangfireStorage, FailureOf(HealthCheckNames.HangfireStorage), ready, timeout);
        checks.AddCheck<LakeHealthCheck>(HealthCheckNames.Lake, FailureOf(HealthCheckNames.Lake), ready, timeout);

        var kafka = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>()?.BootstrapServers;
        if (string.IsNullOrWhiteSpace(kafka))
            checks.Add(Embedded(HealthCheckNames.Streams, "librdkafka mock cluster (embedded)"));
        else
        {
            services.AddSingleton(new KafkaHealthCheck(kafka, timeout));
            checks.Add(new HealthCheckRegistration(HealthCheckNames.Streams, sp => sp.GetRequiredService<KafkaHealthCheck>(),
                FailureOf(HealthCheckNames.Streams), ready, timeout));
        }

        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
            checks.Add(Embedded(HealthCheckNames.Cache, "in-process cache (embedded)"));
        else
            checks.AddRedis(redis, HealthCheckNames.Cache, FailureOf(HealthCheckNames.Cache), ready, timeout);

        var rabbitMq = configuration.GetConnectionString("RabbitMq");
        if (string.IsNullOrWhiteSpace(rabbitMq))
            checks.Add(Embedded(HealthCheckNames.AlertQueue, "in-process alert queues (embedded)"));
        else
        {
            services.AddSingleton(new RabbitMqProbeConnection(rabbitMq, timeout));
            checks.AddRabbitMQ(sp => sp.GetRequiredService<RabbitMqProbeConnection>().GetAsync(),
                HealthCheckNames.AlertQueue, FailureOf(HealthCheckNames.AlertQueue), ready, timeout);
        }
        return services;
    }

    /// <summary>Both probes answer anyone (no credentials: load balancers and orchestrators have none) in the HealthChecks UI JSON.</summary>
    public static IEndpointRouteBuilder MapPipelineHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", Probe(HealthCheckNames.LiveTag)).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", Probe(HealthCheckNames.ReadyTag)).AllowAnonymous();
        return endpoints;
    }

    private static HealthCheckOptions Probe(string tag) => new()
    {
        Predicate = registration => registration.Tags.Contains(tag),
        ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse,
    };

    private static HealthCheckRegistration Embedded(string name, string description) =>
        new(name, new EmbeddedHealthCheck(description), HealthStatus.Unhealthy, [HealthCheckNames.ReadyTag]);
}
