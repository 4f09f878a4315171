namespace Pipeline.Connectors.Streams;

/// <summary>Some messages were not acknowledged by the cluster (after the producer's own retries).</summary>
public sealed class StreamPublishException(string message) : Exception(message);
