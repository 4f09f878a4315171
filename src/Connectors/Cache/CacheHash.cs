namespace Pipeline.Connectors.Cache;

/// <summary>A hash to write: its key and all its fields.</summary>
public sealed record CacheHash(string Key, IReadOnlyDictionary<string, string> Fields);
