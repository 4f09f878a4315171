using Microsoft.Extensions.Options;
using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;
using Pipeline.Connectors.Streams;

namespace Pipeline.Scheduler.Hosting;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Streams, Cache and Alerts connectors, each chosen once from the configuration: the real
    /// service when its address is set (Kafka:BootstrapServers, ConnectionStrings:Redis, ConnectionStrings:RabbitMq),
    /// otherwise its embedded stand-in. <see cref="ConnectorStartup"/> creates each at start-up, logs the choice and connects it.
    /// </summary>
    public static IServiceCollection AddPipelineConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.Section));
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.Section));
        services.AddOptions<AlertQueueOptions>().Bind(configuration.GetSection(AlertQueueOptions.Section));

        services.AddSingleton<IStreams>(sp =>
            KafkaStreams.Create(sp.GetRequiredService<IOptions<KafkaOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));

        var redis = configuration.GetConnectionString("Redis");
        services.AddSingleton<ICache>(sp => string.IsNullOrWhiteSpace(redis)
            ? new InProcessCache(sp.GetRequiredService<TimeProvider>())
            : RedisCache.Connect(redis, sp.GetRequiredService<IOptions<CacheOptions>>().Value));

        var rabbitMq = configuration.GetConnectionString("RabbitMq");
        services.AddSingleton<IAlertQueue>(sp => string.IsNullOrWhiteSpace(rabbitMq)
            ? new InProcessAlertQueue()
            : new RabbitMqAlertQueue(rabbitMq, sp.GetRequiredService<IOptions<AlertQueueOptions>>().Value));

        services.AddHostedService<ConnectorStartup>();
        return services;
    }
}
