using StackExchange.Redis;

namespace Pipeline.Connectors.Cache;

/// <summary>The cache on Redis through StackExchange.Redis: one multiplexed connection, pipelined batches.</summary>
public sealed class RedisCache : ICache, IDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly string _prefix;

    private RedisCache(ConnectionMultiplexer redis, string prefix)
    {
        _redis = redis;
        _prefix = prefix;
    }

    /// <summary>
    /// Connects to Redis given StackExchange.Redis configuration text ("host:port,password=..."). The client
    /// keeps reconnecting in the background when Redis goes away; each command times out after
    /// <see cref="CacheOptions.CommandTimeout"/>.
    /// </summary>
    public static RedisCache Connect(string configurationText, CacheOptions options)
    {
        var configuration = ConfigurationOptions.Parse(configurationText);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.CommandTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)options.CommandTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)options.CommandTimeout.TotalMilliseconds;
        configuration.ConnectRetry = 3;
        configuration.ClientName ??= "pipeline";
        // Needed by SCAN across the server (counting keys by prefix).
        configuration.AllowAdmin = true;
        return new RedisCache(ConnectionMultiplexer.Connect(configuration), options.KeyPrefix);
    }

    public string Describe() =>
        $"Redis at {string.Join(",", _redis.GetEndPoints().Select(e => e.ToString()))}" + (_prefix.Length > 0 ? $" (keys prefixed '{_prefix}')" : "");

    public Task ConnectAsync(CancellationToken ct) => _redis.GetDatabase().PingAsync().WaitAsync(ct);

    public async Task SetHashesAsync(IReadOnlyCollection<CacheHash> hashes, CancellationToken ct)
    {
        if (hashes.Count == 0) return;
        var db = _redis.GetDatabase();
        var batch = db.CreateBatch();
        var writes = hashes
            .Select(hash => batch.HashSetAsync(Key(hash.Key), hash.Fields.Select(f => new HashEntry(f.Key, f.Value)).ToArray()))
            .ToList();
        batch.Execute();
        await Task.WhenAll(writes).WaitAsync(ct);
    }

    public Task SetTextAsync(string key, string value, CancellationToken ct) =>
        _redis.GetDatabase().StringSetAsync(Key(key), value).WaitAsync(ct);

    public async Task<CacheEntry?> GetAsync(string key, CancellationToken ct)
    {
        var db = _redis.GetDatabase();
        var redisKey = Key(key);
        var type = await db.KeyTypeAsync(redisKey).WaitAsync(ct);
        switch (type)
        {
            case RedisType.String:
                var text = await db.StringGetAsync(redisKey).WaitAsync(ct);
                return text.HasValue ? CacheEntry.OfText(key, text.ToString()) : null;
            case RedisType.Hash:
                var fields = await db.HashGetAllAsync(redisKey).WaitAsync(ct);
                return fields.Length == 0 ? null : CacheEntry.OfHash(key, fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString()));
            default:
                return null;
        }
    }

    public Task<bool> AddIfAbsentAsync(string key, string value, TimeSpan expiry, CancellationToken ct) =>
        _redis.GetDatabase().StringSetAsync(Key(key), value, expiry, When.NotExists).WaitAsync(ct);

    public async Task<long> CountKeysAsync(string prefix, CancellationToken ct)
    {
        long count = 0;
        var pattern = EscapeGlob(_prefix + prefix) + "*";
        foreach (var server in _redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            await foreach (var _ in server.KeysAsync(pattern: pattern, pageSize: 1000).WithCancellation(ct))
                count++;
        return count;
    }

    public void Dispose() => _redis.Dispose();

    private RedisKey Key(string key) => _prefix + key;

    private static string EscapeGlob(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? $"\\{c}" : c.ToString()));
}
