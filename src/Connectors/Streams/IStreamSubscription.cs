namespace Pipeline.Connectors.Streams;

/// <summary>
/// A member of a consumer group handling messages as they arrive. As with <see cref="IStreamReader"/>, commit a
/// batch only once its data is safe in its sinks.
/// </summary>
public interface IStreamSubscription : IDisposable
{
    /// <summary>Waits up to <paramref name="wait"/> for records and returns those that came, at most <paramref name="maxRecords"/>.</summary>
    Task<StreamBatch> PollAsync(int maxRecords, TimeSpan wait, CancellationToken ct);

    Task CommitAsync(StreamBatch batch, CancellationToken ct);
}
