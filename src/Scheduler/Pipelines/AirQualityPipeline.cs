using Pipeline.Jobs;
using Pipeline.Jobs.AirQuality;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Pipelines;

/// <summary>
/// air-quality: the UCI station's readings from CSV through Kafka into the cache, the alert queue and the lake.
/// load_csv_to_kafka → consume_from_kafka → [process_and_store, send_alerts]. With AirQuality:Streaming on, a
/// consumer in the host (<see cref="SensorStreamService"/>) takes the place of the last three and the DAG only
/// publishes, so no reading is handled twice.
/// </summary>
public sealed class AirQualityPipeline(IConfiguration configuration) : IPipelineProvider
{
    public const string Name = "air-quality";

    public PipelineDefinition Define()
    {
        var streaming = configuration.GetSection(AirQualityOptions.Section).Get<AirQualityOptions>()?.Streaming ?? false;
        var builder = new PipelineBuilder(Name)
            .Describe(streaming
                ? "Sensor readings from the UCI CSV to Kafka; the streaming consumer stores them and sends alerts."
                : "Sensor readings from the UCI CSV through Kafka into the cache (Redis), alerts (RabbitMQ) and the lake.")
            // One run at a time: the consumer group and the lake's pending batches belong to one run.
            .MaxConcurrentRuns(1)
            .DefaultRetry(new RetryPolicy(Attempts: 4, InitialDelay: TimeSpan.FromSeconds(2), MaxDelay: TimeSpan.FromSeconds(30)))
            .DefaultTimeout(TimeSpan.FromMinutes(10))
            .Task<LoadCsvToKafka>("load_csv_to_kafka");
        if (!streaming)
            builder = builder
                .Task<ConsumeFromKafka>("consume_from_kafka", after: ["load_csv_to_kafka"])
                .Task<ProcessAndStore>("process_and_store", after: ["consume_from_kafka"])
                .Task<SendAlerts>("send_alerts", after: ["consume_from_kafka"]);
        return builder.Build();
    }

    /// <summary>The pipeline's services: its settings, lake layout, cache layout, batch steps, alert inbox and streaming consumer.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AirQualityOptions>().Bind(configuration.GetSection(AirQualityOptions.Section))
            .Validate(o => o.BatchSize is >= 1 and <= 100_000, "AirQuality:BatchSize must be between 1 and 100000.")
            .ValidateOnStart();
        services.AddSingleton<AirQualityLake>();
        services.AddSingleton<SensorCache>();
        services.AddSingleton<SensorBatches>();
        services.AddSingleton<AlertInbox>();
        services.AddSingleton<SensorStream>();
        services.AddSingleton<IWarmUp, AirQualityWarmUp>();
        if (configuration.GetSection(AirQualityOptions.Section).Get<AirQualityOptions>()?.Streaming ?? false)
            services.AddHostedService<SensorStreamService>();
    }
}
