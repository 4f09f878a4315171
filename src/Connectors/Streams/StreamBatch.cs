namespace Pipeline.Connectors.Streams;

/// <summary>
/// Records read together. Committing a batch records, per partition, the offset after its last record: the
/// group's next read starts there.
/// </summary>
public sealed record StreamBatch(IReadOnlyList<StreamRecord> Records)
{
    public static StreamBatch Empty { get; } = new([]);

    public int Count => Records.Count;

    public bool IsEmpty => Records.Count == 0;

    /// <summary>Per partition of each topic, the offset after the last record of this batch.</summary>
    public IReadOnlyList<StreamPosition> NextPositions() => Records
        .GroupBy(r => (r.Topic, r.Partition))
        .Select(g => new StreamPosition(g.Key.Topic, g.Key.Partition, g.Max(r => r.Offset) + 1))
        .ToList();
}
