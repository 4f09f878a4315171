using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;
using Pipeline.Connectors.Streams;

namespace Pipeline.Scheduler.Hosting;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the connectors to the outside world, each chosen once from the configuration: the real service
    /// when its address is set (Kafka:BootstrapServers, ConnectionStrings:Redis, ConnectionStrings:RabbitMq),
    /// otherwise its embedded stand-in. <see cref="ConnectorStartup"/> creates each at start-up and logs the choice.
    /// </summary>
    public static IServiceCollection AddPipelineConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        var kafka = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        services.AddSingleton<IStreams>(sp => KafkaStreams.Create(kafka, sp.GetRequiredService<ILoggerFactory>()));

        var cache = configuration.GetSection(CacheOptions.Section).Get<CacheOptions>() ?? new CacheOptions();
        var redis = configuration.GetConnectionString("Redis");
        services.AddSingleton<ICache>(sp => string.IsNullOrWhiteSpace(redis)
            ? new InProcessCache(sp.GetRequiredService<TimeProvider>())
            : RedisCache.Connect(redis, cache));

        var alerts = configuration.GetSection(AlertQueueOptions.Section).Get<AlertQueueOptions>() ?? new AlertQueueOptions();
        var rabbit = configuration.GetConnectionString("RabbitMq");
        services.AddSingleton<IAlertQueue>(_ => string.IsNullOrWhiteSpace(rabbit)
            ? new InProcessAlertQueue()
            : new RabbitMqAlertQueue(rabbit, alerts));

        services.AddHostedService<ConnectorStartup>();
        return services;
    }
}
