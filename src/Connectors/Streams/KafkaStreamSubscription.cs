using Confluent.Kafka;

namespace Pipeline.Connectors.Streams;

/// <summary>A consumer-group member subscribed to one topic; the group shares the topic's partitions among its members.</summary>
internal sealed class KafkaStreamSubscription : IStreamSubscription
{
    private readonly IConsumer<string?, string> _consumer;

    public KafkaStreamSubscription(string topic, ConsumerConfig config)
    {
        _consumer = new ConsumerBuilder<string?, string>(config).Build();
        _consumer.Subscribe(topic);
    }

    public Task<StreamBatch> PollAsync(int maxRecords, TimeSpan wait, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        return Task.Run(() => Poll(maxRecords, wait, ct), ct);
    }

    public Task CommitAsync(StreamBatch batch, CancellationToken ct)
    {
        if (batch.IsEmpty) return Task.CompletedTask;
        return Task.Run(() => _consumer.Commit(batch.NextPositions().Select(KafkaPositions.ToKafka)), ct);
    }

    public void Dispose()
    {
        // Leaving the group at once hands the partitions to the next member without waiting out our session.
        try { _consumer.Close(); }
        catch (KafkaException) { /* the cluster is gone; nothing to leave */ }
        _consumer.Dispose();
    }

    private StreamBatch Poll(int maxRecords, TimeSpan wait, CancellationToken ct)
    {
        var records = new List<StreamRecord>();
        var until = DateTime.UtcNow + wait;
        while (records.Count < maxRecords)
        {
            ct.ThrowIfCancellationRequested();
            var left = until - DateTime.UtcNow;
            // Once something came, take what is already buffered without waiting for more.
            var step = records.Count > 0 ? TimeSpan.Zero : left < TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(100, left.TotalMilliseconds));
            var result = _consumer.Consume(step);
            if (result is null)
            {
                if (records.Count > 0 || DateTime.UtcNow >= until) break;
                continue;
            }
            if (!result.IsPartitionEOF) records.Add(KafkaPositions.ToRecord(result));
        }
        return records.Count == 0 ? StreamBatch.Empty : new StreamBatch(records);
    }
}
