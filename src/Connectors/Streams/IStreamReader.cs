namespace Pipeline.Connectors.Streams;

/// <summary>
/// A topic read from the group's committed offsets up to the end offsets seen when the reader was opened.
/// Nothing is committed until <see cref="CommitAsync"/>: call it only once the batch's data is safe in its
/// sinks, so that a reader stopped at any point loses nothing (the next one reads the uncommitted rest again).
/// </summary>
public interface IStreamReader : IDisposable
{
    /// <summary>How many records lay between the committed offsets and the end offsets when the reader opened.</summary>
    long Backlog { get; }

    /// <summary>The next records, at most <paramref name="maxRecords"/>; an empty batch once the end is reached.</summary>
    Task<StreamBatch> ReadAsync(int maxRecords, CancellationToken ct);

    /// <summary>Commits the batch's positions for the group (synchronously acknowledged by the cluster).</summary>
    Task CommitAsync(StreamBatch batch, CancellationToken ct);
}
