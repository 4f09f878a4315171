using Pipeline.Connectors.Cache;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Connectors;

/// <summary>The cache contract on the real Redis of scripts/services.sh, under a key prefix of this test's own.</summary>
public sealed class RedisCacheTests : CacheContract, IDisposable
{
    private readonly RedisCache _cache = RedisCache.Connect(TestServices.Redis, new CacheOptions { KeyPrefix = TestServices.UniqueName("cache") + ":" });

    protected override ICache Cache => _cache;

    [Fact]
    public void It_says_where_Redis_is()
    {
        Assert.Contains(TestServices.Redis, _cache.Describe());
    }

    [Fact]
    public async Task Commands_to_a_Redis_that_does_not_answer_time_out()
    {
        using var nowhere = RedisCache.Connect("127.0.0.1:1", new CacheOptions { CommandTimeout = TimeSpan.FromMilliseconds(500) });

        await Assert.ThrowsAnyAsync<Exception>(() => nowhere.SetTextAsync("k", "v", TestContext.Current.CancellationToken));
    }

    public void Dispose() => _cache.Dispose();
}
