namespace Pipeline.Connectors.Streams;

/// <summary>Settings of the Streams connector (section "Kafka").</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>"host:port,..." of a Kafka cluster; empty: an embedded mock cluster in this process.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>How long a consumer that stopped answering keeps its partitions before the group moves them.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the producer keeps retrying a message before reporting it as failed.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a single request to the cluster (metadata, offsets, commit) may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
