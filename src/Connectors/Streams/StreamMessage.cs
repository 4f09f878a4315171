namespace Pipeline.Connectors.Streams;

/// <summary>One message to publish: an optional key (messages with the same key keep their order) and a text value.</summary>
public sealed record StreamMessage(string? Key, string Value);
