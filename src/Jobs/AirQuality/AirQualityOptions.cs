namespace Pipeline.Jobs.AirQuality;

/// <summary>Settings of the air-quality pipeline (section "AirQuality").</summary>
public sealed class AirQualityOptions
{
    public const string Section = "AirQuality";

    /// <summary>The Kafka topic readings travel through.</summary>
    public string Topic { get; set; } = "sensor_raw";

    /// <summary>The consumer group whose committed offsets say what has been consumed.</summary>
    public string ConsumerGroup { get; set; } = "air-quality";

    /// <summary>The lake bucket: source/, malformed/, raw/, processed/ and alerts/.</summary>
    public string Bucket { get; set; } = "air-quality";

    /// <summary>The RabbitMQ queue critical readings are sent to.</summary>
    public string AlertQueue { get; set; } = "sensor_alert";

    /// <summary>A reading alerts when its CO (mg/m³) is above this...</summary>
    public double CoThreshold { get; set; } = 10;

    /// <summary>...or its NO2 (µg/m³) above this.</summary>
    public double No2Threshold { get; set; } = 200;

    /// <summary>Readings per raw lake object (and per Kafka read).</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>
    /// When on, a long-running consumer in the host handles readings as they arrive (same processing code) and
    /// the DAG only publishes.
    /// </summary>
    public bool Streaming { get; set; }
}
