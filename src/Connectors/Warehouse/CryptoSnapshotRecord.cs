namespace Pipeline.Connectors.Warehouse;

/// <summary>
/// One coin's market data as CoinGecko last updated it, with the fields derived from earlier snapshots.
/// Typed columns are the ones queried; <see cref="Raw"/> is the document exactly as received (jsonb on
/// PostgreSQL). A coin has at most one row per <see cref="LastUpdated"/>.
/// </summary>
public sealed class CryptoSnapshotRecord
{
    public long Id { get; set; }
    public required string CoinId { get; set; }
    public required string Symbol { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
    public decimal CurrentPrice { get; set; }
    public decimal? MarketCap { get; set; }
    public int? MarketCapRank { get; set; }
    public decimal? TotalVolume { get; set; }
    public decimal? PriceChangePercentage24h { get; set; }

    /// <summary>Price now minus the price at the coin's previous stored snapshot; null for its first one.</summary>
    public decimal? ChangeSincePrevious { get; set; }

    /// <summary>The same change as a percentage of the previous price.</summary>
    public decimal? ChangeSincePreviousPercent { get; set; }

    /// <summary>Mean price over this snapshot and up to N-1 before it.</summary>
    public decimal MovingAverage { get; set; }

    /// <summary>How many snapshots the moving average covers (fewer than N while history is short).</summary>
    public int MovingAverageCount { get; set; }

    public required string Raw { get; set; }
    public Guid RunId { get; set; }
    public DateTimeOffset StoredAt { get; set; }
}
