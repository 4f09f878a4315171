namespace Pipeline.Connectors.Warehouse;

/// <summary>A coin's price at one stored snapshot: what derived fields of later snapshots are computed from.</summary>
public sealed record StoredPrice(DateTimeOffset LastUpdated, decimal CurrentPrice);
