using System.Collections.Concurrent;

namespace Pipeline.Connectors.Cache;

/// <summary>The embedded cache: a dictionary in this process, lost when it stops.</summary>
public sealed class InProcessCache(TimeProvider clock) : ICache
{
    private readonly ConcurrentDictionary<string, Stored> _entries = new(StringComparer.Ordinal);

    public string Describe() => "in-process (embedded; set ConnectionStrings:Redis for Redis)";

    public Task ConnectAsync(CancellationToken ct) => Task.CompletedTask;

    public Task SetHashesAsync(IReadOnlyCollection<CacheHash> hashes, CancellationToken ct)
    {
        foreach (var hash in hashes)
            _entries.AddOrUpdate(hash.Key,
                key => new Stored(CacheEntry.OfHash(key, new Dictionary<string, string>(hash.Fields)), null),
                (key, existing) => new Stored(CacheEntry.OfHash(key, Merge(existing.Entry.Fields, hash.Fields)), null));
        return Task.CompletedTask;
    }

    public Task SetTextAsync(string key, string value, CancellationToken ct)
    {
        _entries[key] = new Stored(CacheEntry.OfText(key, value), null);
        return Task.CompletedTask;
    }

    public Task<CacheEntry?> GetAsync(string key, CancellationToken ct) =>
        Task.FromResult(_entries.TryGetValue(key, out var stored) && !Expired(stored) ? stored.Entry : null);

    public Task<bool> AddIfAbsentAsync(string key, string value, TimeSpan expiry, CancellationToken ct)
    {
        var fresh = new Stored(CacheEntry.OfText(key, value), clock.GetUtcNow() + expiry);
        while (true)
        {
            if (_entries.TryAdd(key, fresh)) return Task.FromResult(true);
            if (!_entries.TryGetValue(key, out var existing)) continue;
            if (!Expired(existing)) return Task.FromResult(false);
            if (_entries.TryUpdate(key, fresh, existing)) return Task.FromResult(true);
        }
    }

    public Task<long> CountKeysAsync(string prefix, CancellationToken ct) =>
        Task.FromResult((long)_entries.Count(e => e.Key.StartsWith(prefix, StringComparison.Ordinal) && !Expired(e.Value)));

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? existing, IReadOnlyDictionary<string, string> fields)
    {
        var merged = existing is null ? new Dictionary<string, string>() : new Dictionary<string, string>(existing);
        foreach (var (field, value) in fields) merged[field] = value;
        return merged;
    }

    private bool Expired(Stored stored) => stored.ExpiresAt is { } at && at <= clock.GetUtcNow();

    private sealed record Stored(CacheEntry Entry, DateTimeOffset? ExpiresAt);
}
