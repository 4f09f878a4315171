using System.Globalization;
using System.Text.Json;

namespace Pipeline.Jobs.Crypto;

/// <summary>
/// Turns a CoinGecko market document into a <see cref="MarketSnapshot"/>, or says why it cannot be one.
/// Kept: an id (trimmed, lower case), a parseable last_updated (as UTC) and a positive current_price.
/// Numbers may come as JSON numbers or numeric strings; a negative or unreadable optional figure becomes
/// null (CoinGecko sends null for small coins); symbol is lower case, and a missing name falls back to the id.
/// </summary>
public static class MarketCleaner
{
    public static (MarketSnapshot? Snapshot, string? Rejection) Clean(string document)
    {
        JsonElement root;
        try
        {
            using var parsed = JsonDocument.Parse(document);
            root = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, "not valid JSON");
        }
        if (root.ValueKind != JsonValueKind.Object) return (null, "not a JSON object");

        var id = Text(root, "id")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(id)) return (null, "no id");
        if (Text(root, "last_updated") is not { } updatedText
            || !DateTimeOffset.TryParse(updatedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var updated))
            return (null, $"{id}: no readable last_updated");
        if (Number(root, "current_price") is not { } price || price <= 0)
            return (null, $"{id}: no positive current_price");

        var rank = Number(root, "market_cap_rank");
        return (new MarketSnapshot(
            CoinId: id,
            Symbol: Text(root, "symbol")?.Trim().ToLowerInvariant() ?? "",
            Name: Text(root, "name")?.Trim() is { Length: > 0 } name ? name : id,
            LastUpdated: updated.ToUniversalTime(),
            CurrentPrice: price,
            MarketCap: NonNegative(Number(root, "market_cap")),
            MarketCapRank: rank is >= 1 and <= int.MaxValue && decimal.Truncate(rank.Value) == rank ? (int)rank.Value : null,
            TotalVolume: NonNegative(Number(root, "total_volume")),
            PriceChangePercentage24h: Number(root, "price_change_percentage_24h"),
            Raw: document), null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal? Number(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetDecimal(out var exact)) return exact;
            // Exponent forms (1e-9) or values beyond decimal: go through double, if representable.
            return value.TryGetDouble(out var approx) && Math.Abs(approx) < 7.9e28 ? (decimal)approx : null;
        }
        if (value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        return null;
    }

    private static decimal? NonNegative(decimal? value) => value is < 0 ? null : value;
}
