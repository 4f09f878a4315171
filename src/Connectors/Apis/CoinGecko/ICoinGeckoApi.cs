using System.Text.Json;
using Refit;

namespace Pipeline.Connectors.Apis.CoinGecko;

/// <summary>
/// CoinGecko's market list: one JSON object per coin, ordered by market cap. The objects are kept as
/// CoinGecko wrote them (they are stored raw), so the client does not bind them to a type.
/// </summary>
public interface ICoinGeckoApi
{
    [Get("/api/v3/coins/markets")]
    Task<JsonElement> GetMarketsAsync(
        [AliasAs("vs_currency")] string vsCurrency,
        [AliasAs("per_page")] int perPage,
        int page,
        CancellationToken cancellationToken);
}
