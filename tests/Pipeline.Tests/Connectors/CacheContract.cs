using Pipeline.Connectors.Cache;

namespace Pipeline.Tests.Connectors;

/// <summary>What every cache does, whichever implementation: the embedded one must behave as Redis does.</summary>
public abstract class CacheContract
{
    protected abstract ICache Cache { get; }

    [Fact]
    public async Task Hashes_written_in_a_batch_read_back_field_by_field()
    {
        var ct = TestContext.Current.CancellationToken;
        var hashes = Enumerable.Range(0, 2000)
            .Select(i => new CacheHash($"sensor:{i}", new Dictionary<string, string> { ["co"] = $"{i}.5", ["no2"] = $"{i * 2}" }))
            .ToList();

        await Cache.SetHashesAsync(hashes, ct);

        var entry = await Cache.GetAsync("sensor:1234", ct);
        Assert.NotNull(entry?.Fields);
        Assert.Equal("1234.5", entry.Fields["co"]);
        Assert.Equal("2468", entry.Fields["no2"]);
        Assert.Null(entry.Text);
        Assert.Equal(2000, await Cache.CountKeysAsync("sensor:", ct));
    }

    [Fact]
    public async Task Writing_a_hash_again_overwrites_it_and_adds_no_key()
    {
        var ct = TestContext.Current.CancellationToken;
        await Cache.SetHashesAsync([new CacheHash("h", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" })], ct);
        await Cache.SetHashesAsync([new CacheHash("h", new Dictionary<string, string> { ["a"] = "3", ["b"] = "2" })], ct);

        var entry = await Cache.GetAsync("h", ct);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "3", ["b"] = "2" }, entry!.Fields);
        Assert.Equal(1, await Cache.CountKeysAsync("h", ct));
    }

    [Fact]
    public async Task A_text_reads_back_as_text_and_a_missing_key_as_null()
    {
        var ct = TestContext.Current.CancellationToken;
        await Cache.SetTextAsync("status", "{\"ok\":true}", ct);

        Assert.Equal("{\"ok\":true}", (await Cache.GetAsync("status", ct))?.Text);
        Assert.Null(await Cache.GetAsync("absent", ct));
    }

    [Fact]
    public async Task Only_the_first_of_several_adds_of_a_key_wins()
    {
        var ct = TestContext.Current.CancellationToken;
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Cache.AddIfAbsentAsync("once", $"{i}", TimeSpan.FromMinutes(1), ct)));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task Counting_by_prefix_counts_only_keys_that_start_with_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await Cache.SetTextAsync("a:1", "x", ct);
        await Cache.SetTextAsync("a:2", "x", ct);
        await Cache.SetTextAsync("ab:1", "x", ct);
        await Cache.SetTextAsync("b:a:1", "x", ct);

        Assert.Equal(2, await Cache.CountKeysAsync("a:", ct));
    }
}
