namespace Pipeline.Connectors.Streams;

/// <summary>A message read from a topic, with where it sits in it.</summary>
public sealed record StreamRecord(string Topic, int Partition, long Offset, string? Key, string Value, DateTimeOffset Timestamp);
