namespace Pipeline.Jobs.Crypto;

/// <summary>One coin's market record from CoinGecko after cleaning, with the document as received.</summary>
public sealed record MarketSnapshot(
    string CoinId,
    string Symbol,
    string Name,
    DateTimeOffset LastUpdated,
    decimal CurrentPrice,
    decimal? MarketCap,
    int? MarketCapRank,
    decimal? TotalVolume,
    decimal? PriceChangePercentage24h,
    string Raw);
