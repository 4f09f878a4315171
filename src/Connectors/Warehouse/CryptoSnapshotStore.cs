using Microsoft.EntityFrameworkCore;

namespace Pipeline.Connectors.Warehouse;

/// <summary>
/// The crypto pipeline's store: snapshots per coin and CoinGecko's last_updated. Storing a snapshot that
/// is already there adds nothing, so a repeated message or a re-run never duplicates a row.
/// </summary>
public sealed class CryptoSnapshotStore(IDbContextFactory<WarehouseContext> contexts)
{
    /// <summary>
    /// The coin's stored prices up to <paramref name="until"/> (inclusive), newest first, at most
    /// <paramref name="count"/> of them.
    /// </summary>
    public async Task<IReadOnlyList<StoredPrice>> RecentPricesAsync(string coinId, DateTimeOffset until, int count, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CryptoSnapshots.AsNoTracking()
            .Where(s => s.CoinId == coinId && s.LastUpdated <= until.ToUniversalTime())
            .OrderByDescending(s => s.LastUpdated)
            .Take(count)
            .Select(s => new StoredPrice(s.LastUpdated, s.CurrentPrice))
            .ToListAsync(ct);
    }

    /// <summary>Inserts the snapshots not stored yet, in one transaction; returns how many were new.</summary>
    public async Task<int> StoreAsync(IReadOnlyList<CryptoSnapshotRecord> snapshots, CancellationToken ct)
    {
        if (snapshots.Count == 0) return 0;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var coins = snapshots.Select(s => s.CoinId).Distinct().ToList();
            var earliest = snapshots.Min(s => s.LastUpdated).ToUniversalTime();
            var latest = snapshots.Max(s => s.LastUpdated).ToUniversalTime();
            var stored = (await db.CryptoSnapshots.AsNoTracking()
                    .Where(s => coins.Contains(s.CoinId) && s.LastUpdated >= earliest && s.LastUpdated <= latest)
                    .Select(s => new { s.CoinId, s.LastUpdated })
                    .ToListAsync(ct))
                .Select(s => (s.CoinId, s.LastUpdated.UtcTicks))
                .ToHashSet();

            var fresh = snapshots
                .Where(s => stored.Add((s.CoinId, s.LastUpdated.UtcTicks)))
                .Select(Normalised)
                .ToList();
            db.CryptoSnapshots.AddRange(fresh);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return fresh.Count;
        });
    }

    public async Task<bool> HasCoinAsync(string coinId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CryptoSnapshots.AnyAsync(s => s.CoinId == coinId, ct);
    }

    /// <summary>The coin's snapshots in [from, to], oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<CryptoSnapshotRecord>> HistoryAsync(
        string coinId, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.CryptoSnapshots.AsNoTracking().Where(s => s.CoinId == coinId);
        if (from is { } start) query = query.Where(s => s.LastUpdated >= start.ToUniversalTime());
        if (to is { } end) query = query.Where(s => s.LastUpdated <= end.ToUniversalTime());
        return await query.OrderBy(s => s.LastUpdated).Take(limit).ToListAsync(ct);
    }

    private static CryptoSnapshotRecord Normalised(CryptoSnapshotRecord s) => new()
    {
        CoinId = s.CoinId,
        Symbol = s.Symbol,
        Name = s.Name,
        LastUpdated = s.LastUpdated.ToUniversalTime(),
        CurrentPrice = s.CurrentPrice,
        MarketCap = s.MarketCap,
        MarketCapRank = s.MarketCapRank,
        TotalVolume = s.TotalVolume,
        PriceChangePercentage24h = s.PriceChangePercentage24h,
        ChangeSincePrevious = s.ChangeSincePrevious,
        ChangeSincePreviousPercent = s.ChangeSincePreviousPercent,
        MovingAverage = s.MovingAverage,
        MovingAverageCount = s.MovingAverageCount,
        Raw = s.Raw,
        RunId = s.RunId,
        StoredAt = s.StoredAt.ToUniversalTime(),
    };
}
