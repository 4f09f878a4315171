using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Sql;
using Pipeline.Connectors.Warehouse;
using Pipeline.Jobs.Crypto;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Crypto;

/// <summary>Cleaning, derived fields and the idempotent store, over the three snapshots of <see cref="MarketSnapshots"/>.</summary>
public sealed class CryptoProcessingTests
{
    private const int Window = 2;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlyList<string> Documents(string answer) =>
        JsonDocument.Parse(answer).RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();

    [Theory]
    [InlineData(SqlProvider.Postgres)]
    [InlineData(SqlProvider.Sqlite)]
    public async Task Three_snapshots_give_the_changes_and_moving_averages_computed_by_hand_and_a_repeat_adds_nothing(SqlProvider provider)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(provider);
        var store = warehouse.Get<CryptoSnapshotStore>();
        var processor = new MarketBatchProcessor(new SnapshotDeriver(store),
            Options.Create(new CryptoOptions { MovingAverageWindow = Window }), TimeProvider.System);

        for (var i = 0; i < 3; i++)
        {
            var batch = await processor.ProcessAsync(Documents(MarketSnapshots.Answer(i)), Guid.NewGuid(), NullLogger.Instance, Ct);
            Assert.Equal(2, batch.Rejected.Count);
            Assert.Equal(3, await store.StoreAsync(batch.Snapshots, Ct));
        }

        var repeat = await processor.ProcessAsync(Documents(MarketSnapshots.Answer(2)), Guid.NewGuid(), NullLogger.Instance, Ct);
        Assert.Empty(repeat.Snapshots);
        var replayedStore = await processor.ProcessAsync(Documents(MarketSnapshots.Answer(1)), Guid.NewGuid(), NullLogger.Instance, Ct);
        Assert.Empty(replayedStore.Snapshots);

        foreach (var coin in new[] { "bitcoin", "ethereum", "dogecoin" })
        {
            var stored = await store.HistoryAsync(coin, null, null, 100, Ct);
            var prices = MarketSnapshots.Prices.Select(s => s.Single(p => p.Coin == coin)).ToList();
            Assert.Equal(prices.Select(p => p.LastUpdated), stored.Select(s => s.LastUpdated));
            Assert.Equal(prices.Select(p => p.Value), stored.Select(s => s.CurrentPrice));

            // Worked out here in double arithmetic, independently of the code under test.
            var p = prices.Select(x => (double)x.Value).ToArray();
            Assert.Null(stored[0].ChangeSincePrevious);
            Assert.Null(stored[0].ChangeSincePreviousPercent);
            Close(p[1] - p[0], stored[1].ChangeSincePrevious);
            Close((p[1] - p[0]) / p[0] * 100, stored[1].ChangeSincePreviousPercent);
            Close(p[2] - p[1], stored[2].ChangeSincePrevious);
            Close((p[2] - p[1]) / p[1] * 100, stored[2].ChangeSincePreviousPercent);
            Close(p[0], stored[0].MovingAverage);
            Close((p[0] + p[1]) / 2, stored[1].MovingAverage);
            Close((p[1] + p[2]) / 2, stored[2].MovingAverage); // the window of 2 leaves the first snapshot out
            Assert.Equal([1, 2, 2], stored.Select(s => s.MovingAverageCount));
        }

        Assert.False(await store.HasCoinAsync("ghostcoin", Ct));
        var bitcoin2026 = (await store.HistoryAsync("bitcoin", null, null, 100, Ct))[1];
        using var raw = JsonDocument.Parse(bitcoin2026.Raw);
        Assert.Equal(1268723428054m, raw.RootElement.GetProperty("market_cap").GetDecimal());
        Assert.Equal(1268723428054m, bitcoin2026.MarketCap);
        Assert.Equal("btc", bitcoin2026.Symbol);
    }

    [Fact]
    public async Task Two_snapshots_of_a_coin_in_one_batch_are_derived_in_time_order()
    {
        await using var warehouse = await TestWarehouse.CreateAsync(SqlProvider.Sqlite);
        var store = warehouse.Get<CryptoSnapshotStore>();
        var processor = new MarketBatchProcessor(new SnapshotDeriver(store),
            Options.Create(new CryptoOptions { MovingAverageWindow = 3 }), TimeProvider.System);
        var later = Documents(MarketSnapshots.Answer(1)).First();
        var earlier = Documents(MarketSnapshots.Answer(0)).First();

        var batch = await processor.ProcessAsync([later, earlier, later], Guid.NewGuid(), NullLogger.Instance, Ct);

        Assert.Equal(2, batch.Snapshots.Count);
        Assert.Equal(2, await store.StoreAsync(batch.Snapshots, Ct));
        Assert.Equal(0, await store.StoreAsync(batch.Snapshots, Ct));
        var second = batch.Snapshots.Single(s => s.CurrentPrice == 63236m);
        Assert.Equal(63236m - 28261m, second.ChangeSincePrevious);
        Assert.Equal((63236m + 28261m) / 2, second.MovingAverage);
    }

    private static void Close(double expected, decimal? actual)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - (double)actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
            $"expected {expected}, got {actual}");
    }
}
