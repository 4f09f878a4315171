namespace Pipeline.Connectors.Streams;

/// <summary>
/// Topics of a Kafka cluster: publish to them, read them as a consumer group. The same Confluent.Kafka code
/// talks to a real cluster or to librdkafka's mock cluster (embedded mode), chosen once at start-up.
/// </summary>
public interface IStreams
{
    /// <summary>Where the topics live, for the start-up log line.</summary>
    string Describe();

    /// <summary>
    /// Connects the producer to the cluster now (bootstrap, metadata), so the first publish does not wait for it.
    /// Optional: every other call connects by itself when needed.
    /// </summary>
    Task ConnectAsync(CancellationToken ct);

    /// <summary>Creates the topic when it does not exist yet.</summary>
    Task EnsureTopicAsync(string topic, int partitions, CancellationToken ct);

    /// <summary>
    /// Publishes the messages through one idempotent producer (acks=all, batched) and returns once the cluster
    /// has acknowledged every one of them; throws <see cref="StreamPublishException"/> when any was not.
    /// </summary>
    Task PublishAsync(string topic, IReadOnlyCollection<StreamMessage> messages, CancellationToken ct);

    /// <summary>
    /// Reads a topic as the consumer group <paramref name="group"/>, from its committed offsets up to the end
    /// offsets seen now: what arrives later is left for the next reader.
    /// </summary>
    Task<IStreamReader> OpenReaderAsync(string topic, string group, CancellationToken ct);

    /// <summary>Joins the consumer group <paramref name="group"/> on the topic to handle messages as they arrive.</summary>
    IStreamSubscription Subscribe(string topic, string group);
}
