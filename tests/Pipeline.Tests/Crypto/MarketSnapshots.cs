using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Crypto;

/// <summary>
/// Three CoinGecko /coins/markets answers in the shape of the real record, plus what the test expects of
/// them. Bitcoin in snapshots 1 and 2 is the recorded real record (2023-03-31 and 2026-07-28). INVENTED:
/// bitcoin in snapshot 3 (the 2026 record with another price and time), every ethereum and dogecoin
/// value, and the two broken records (no id; a null price) that cleaning must drop.
/// </summary>
public static class MarketSnapshots
{
    public sealed record Price(string Coin, DateTimeOffset LastUpdated, decimal Value);

    public static readonly Price[][] Prices =
    [
        [
            new("bitcoin", At("2023-03-31T03:34:27.901Z"), 28261m),        // recorded
            new("ethereum", At("2023-03-31T03:34:20.000Z"), 1793.42m),      // invented
            new("dogecoin", At("2023-03-31T03:34:11.000Z"), 0.07652m),      // invented
        ],
        [
            new("bitcoin", At("2026-07-28T03:36:30.000Z"), 63236m),        // recorded
            new("ethereum", At("2026-07-28T03:36:25.000Z"), 3510.88m),      // invented
            new("dogecoin", At("2026-07-28T03:36:02.000Z"), 0.2213m),       // invented
        ],
        [
            new("bitcoin", At("2026-07-28T03:46:31.000Z"), 63410.5m),      // invented
            new("ethereum", At("2026-07-28T03:46:19.000Z"), 3498.1m),       // invented
            new("dogecoin", At("2026-07-28T03:46:05.000Z"), 0.2207m),       // invented
        ],
    ];

    /// <summary>Snapshot <paramref name="index"/> (0-2) as CoinGecko would answer it, with two broken records.</summary>
    public static string Answer(int index)
    {
        var coins = new JsonArray();
        foreach (var price in Prices[index])
            coins.Add(price.Coin == "bitcoin" && index < 2 ? Recorded(index) : Invented(price));
        coins.Add(Broken(id: "", price: 1m));
        coins.Add(Broken(id: "ghostcoin", price: null));
        return coins.ToJsonString();
    }

    private static JsonNode Recorded(int index) =>
        JsonNode.Parse(RecordedData.Read(index == 0 ? "coingecko/markets-bitcoin-2023-03-31.json" : "coingecko/markets-bitcoin-2026-07-28.json"))!
            .AsArray()[0]!.DeepClone();

    private static JsonNode Invented(Price price)
    {
        var coin = JsonNode.Parse(RecordedData.Read("coingecko/markets-bitcoin-2026-07-28.json"))!.AsArray()[0]!.DeepClone();
        coin["id"] = price.Coin;
        coin["symbol"] = price.Coin[..3];
        coin["name"] = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(price.Coin);
        coin["current_price"] = price.Value;
        coin["market_cap_rank"] = price.Coin == "bitcoin" ? 1 : price.Coin == "ethereum" ? 2 : 9;
        coin["last_updated"] = price.LastUpdated.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return coin;
    }

    private static JsonNode Broken(string id, decimal? price)
    {
        var coin = Invented(new Price("brokencoin", At("2026-07-28T03:00:00Z"), 1m));
        coin["id"] = id;
        coin["current_price"] = price;
        return coin;
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
