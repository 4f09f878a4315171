namespace Pipeline.Bench.AirQuality;

/// <summary>The real services the bench runs on, as `scripts/services.sh env` exports them.</summary>
public sealed record BenchServices(string Postgres, string Kafka, string Redis, string RabbitMq, string S3Endpoint, string S3AccessKey, string S3SecretKey)
{
    public static BenchServices FromEnvironment() => new(
        Required("PIPELINE_TEST_POSTGRES"), Required("PIPELINE_TEST_KAFKA"), Required("PIPELINE_TEST_REDIS"),
        Required("PIPELINE_TEST_RABBITMQ"), Required("PIPELINE_TEST_S3_ENDPOINT"), Required("PIPELINE_TEST_S3_ACCESS_KEY"),
        Required("PIPELINE_TEST_S3_SECRET_KEY"));

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run the bench with bench/air-quality.sh, which starts the services.");
}
