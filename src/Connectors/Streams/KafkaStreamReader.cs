using Confluent.Kafka;

namespace Pipeline.Connectors.Streams;

/// <summary>
/// Reads the partitions of one topic, assigned directly (no group join to wait for), from the group's committed
/// offsets up to the high watermarks seen when opened, and commits positions for the group.
/// </summary>
internal sealed class KafkaStreamReader : IStreamReader
{
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(100);

    private readonly IConsumer<string?, string> _consumer;
    private readonly Dictionary<TopicPartition, long> _ends;
    private readonly TimeSpan _stallTimeout;

    private KafkaStreamReader(IConsumer<string?, string> consumer, Dictionary<TopicPartition, long> ends, long backlog, TimeSpan stallTimeout)
    {
        _consumer = consumer;
        _ends = ends;
        _stallTimeout = stallTimeout;
        Backlog = backlog;
    }

    public long Backlog { get; }

    public static KafkaStreamReader Open(string topic, ConsumerConfig config, IReadOnlyList<int> partitions, TimeSpan timeout, CancellationToken ct)
    {
        var consumer = new ConsumerBuilder<string?, string>(config).Build();
        try
        {
            var topicPartitions = partitions.Select(p => new TopicPartition(topic, p)).ToList();
            var committed = topicPartitions.Count == 0 ? [] : consumer.Committed(topicPartitions, timeout);
            var ends = new Dictionary<TopicPartition, long>();
            var starts = new List<TopicPartitionOffset>();
            long backlog = 0;
            foreach (var partition in topicPartitions)
            {
                ct.ThrowIfCancellationRequested();
                var marks = consumer.QueryWatermarkOffsets(partition, timeout);
                var start = committed.FirstOrDefault(c => c.TopicPartition == partition)?.Offset ?? Offset.Unset;
                var from = start.IsSpecial ? marks.Low.Value : start.Value;
                if (from >= marks.High.Value) continue;
                ends[partition] = marks.High.Value;
                starts.Add(new TopicPartitionOffset(partition, new Offset(from)));
                backlog += marks.High.Value - from;
            }
            consumer.Assign(starts);
            return new KafkaStreamReader(consumer, ends, backlog, timeout * 3);
        }
        catch
        {
            consumer.Dispose();
            throw;
        }
    }

    public Task<StreamBatch> ReadAsync(int maxRecords, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        return Task.Run(() => Read(maxRecords, ct), ct);
    }

    public Task CommitAsync(StreamBatch batch, CancellationToken ct)
    {
        if (batch.IsEmpty) return Task.CompletedTask;
        return Task.Run(() => _consumer.Commit(batch.NextPositions().Select(KafkaPositions.ToKafka)), ct);
    }

    public void Dispose() => _consumer.Dispose();

    private StreamBatch Read(int maxRecords, CancellationToken ct)
    {
        var records = new List<StreamRecord>();
        var lastProgress = DateTime.UtcNow;
        while (records.Count < maxRecords && _ends.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var result = _consumer.Consume(PollStep);
            if (result is null || result.IsPartitionEOF)
            {
                RetireFinishedPartitions();
                if (_ends.Count > 0 && DateTime.UtcNow - lastProgress > _stallTimeout)
                    throw new TimeoutException($"No message came from Kafka for {_stallTimeout.TotalSeconds:0} s while {_ends.Count} partition(s) still had some to read.");
                continue;
            }
            lastProgress = DateTime.UtcNow;
            if (!_ends.TryGetValue(result.TopicPartition, out var end)) continue;
            if (result.Offset.Value < end)
                records.Add(KafkaPositions.ToRecord(result));
            if (result.Offset.Value + 1 >= end) Retire(result.TopicPartition);
        }
        return records.Count == 0 ? StreamBatch.Empty : new StreamBatch(records);
    }

    /// <summary>A partition whose position reached its end (past control records too) has nothing more for us.</summary>
    private void RetireFinishedPartitions()
    {
        foreach (var (partition, end) in _ends.ToList())
        {
            var position = _consumer.Position(partition);
            if (!position.IsSpecial && position.Value >= end) Retire(partition);
        }
    }

    private void Retire(TopicPartition partition)
    {
        _ends.Remove(partition);
        _consumer.Pause([partition]);
    }
}
