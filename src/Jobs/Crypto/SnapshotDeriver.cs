using Pipeline.Connectors.Warehouse;

namespace Pipeline.Jobs.Crypto;

/// <summary>
/// Adds to each new snapshot what it means next to the coin's earlier ones: the change since the
/// previous snapshot (absolute and in percent of the previous price) and the moving average of the price
/// over the last N snapshots, this one included. Earlier snapshots are those already stored plus those
/// earlier in the same batch; a snapshot already stored is left out, so a repeated message changes nothing.
/// </summary>
public sealed class SnapshotDeriver(CryptoSnapshotStore store)
{
    public async Task<IReadOnlyList<CryptoSnapshotRecord>> DeriveAsync(
        IEnumerable<MarketSnapshot> batch, int window, Guid runId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var derived = new List<CryptoSnapshotRecord>();
        foreach (var coin in batch.GroupBy(s => s.CoinId))
        {
            var snapshots = coin
                .GroupBy(s => s.LastUpdated.UtcTicks).Select(g => g.Last())
                .OrderBy(s => s.LastUpdated)
                .ToList();
            var stored = await store.RecentPricesAsync(coin.Key, snapshots[^1].LastUpdated, window + snapshots.Count, ct);
            var storedTimes = stored.Select(p => p.LastUpdated.UtcTicks).ToHashSet();
            var timeline = stored.ToList();

            foreach (var snapshot in snapshots)
            {
                if (storedTimes.Contains(snapshot.LastUpdated.UtcTicks)) continue;
                var earlier = timeline
                    .Where(p => p.LastUpdated < snapshot.LastUpdated)
                    .OrderByDescending(p => p.LastUpdated)
                    .Take(window - 1)
                    .ToList();
                derived.Add(Derive(snapshot, earlier, runId, now));
                timeline.Add(new StoredPrice(snapshot.LastUpdated, snapshot.CurrentPrice));
            }
        }
        return derived;
    }

    private static CryptoSnapshotRecord Derive(MarketSnapshot s, IReadOnlyList<StoredPrice> earlierNewestFirst, Guid runId, DateTimeOffset now)
    {
        var previous = earlierNewestFirst.FirstOrDefault();
        decimal? change = previous is null ? null : s.CurrentPrice - previous.CurrentPrice;
        decimal? changePercent = previous is null ? null : change / previous.CurrentPrice * 100m;
        var count = earlierNewestFirst.Count + 1;
        var average = (s.CurrentPrice + earlierNewestFirst.Sum(p => p.CurrentPrice)) / count;
        return new CryptoSnapshotRecord
        {
            CoinId = s.CoinId,
            Symbol = s.Symbol,
            Name = s.Name,
            LastUpdated = s.LastUpdated,
            CurrentPrice = s.CurrentPrice,
            MarketCap = s.MarketCap,
            MarketCapRank = s.MarketCapRank,
            TotalVolume = s.TotalVolume,
            PriceChangePercentage24h = s.PriceChangePercentage24h,
            ChangeSincePrevious = change,
            ChangeSincePreviousPercent = changePercent,
            MovingAverage = average,
            MovingAverageCount = count,
            Raw = s.Raw,
            RunId = runId,
            StoredAt = now,
        };
    }
}
