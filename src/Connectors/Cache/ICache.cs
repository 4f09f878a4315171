namespace Pipeline.Connectors.Cache;

/// <summary>
/// A key-value cache of text values and hashes (field → text): Redis when ConnectionStrings:Redis is set,
/// otherwise an in-process dictionary with the same behaviour. Writing a key again replaces its value, so
/// writes are idempotent.
/// </summary>
public interface ICache
{
    /// <summary>Where the cache lives, for the start-up log line.</summary>
    string Describe();

    /// <summary>One round trip to the cache now, so the first real command finds the connection ready. Optional.</summary>
    Task ConnectAsync(CancellationToken ct);

    /// <summary>Writes every hash's fields (other fields of an existing hash stay) in one round of pipelined commands.</summary>
    Task SetHashesAsync(IReadOnlyCollection<CacheHash> hashes, CancellationToken ct);

    Task SetTextAsync(string key, string value, CancellationToken ct);

    /// <summary>A key's value, whichever kind it is; null when the key does not exist.</summary>
    Task<CacheEntry?> GetAsync(string key, CancellationToken ct);

    /// <summary>Sets the key only if it does not exist yet; true when this call set it.</summary>
    Task<bool> AddIfAbsentAsync(string key, string value, TimeSpan expiry, CancellationToken ct);

    /// <summary>How many keys start with the prefix.</summary>
    Task<long> CountKeysAsync(string prefix, CancellationToken ct);
}
