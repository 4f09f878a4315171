namespace Pipeline.Connectors.Streams;

/// <summary>An offset in one partition of a topic.</summary>
public sealed record StreamPosition(string Topic, int Partition, long Offset);
