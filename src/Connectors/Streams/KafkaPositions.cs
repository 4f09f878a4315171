using Confluent.Kafka;

namespace Pipeline.Connectors.Streams;

/// <summary>Conversions between Confluent.Kafka's types and the connector's own.</summary>
internal static class KafkaPositions
{
    public static TopicPartitionOffset ToKafka(StreamPosition position) =>
        new(position.Topic, new Partition(position.Partition), new Offset(position.Offset));

    public static StreamRecord ToRecord(ConsumeResult<string?, string> result) => new(
        result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value,
        result.Message.Timestamp.UtcDateTime);
}
