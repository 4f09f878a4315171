namespace Pipeline.Connectors.Cache;

/// <summary>A key's value as read back: a text, or a hash's fields.</summary>
public sealed record CacheEntry(string Key, string? Text, IReadOnlyDictionary<string, string>? Fields)
{
    public static CacheEntry OfText(string key, string text) => new(key, text, null);

    public static CacheEntry OfHash(string key, IReadOnlyDictionary<string, string> fields) => new(key, null, fields);
}
