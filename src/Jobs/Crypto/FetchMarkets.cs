using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Apis.CoinGecko;

namespace Pipeline.Jobs.Crypto;

/// <summary>
/// fetch_markets: the top coins by market cap from CoinGecko (its client times out, retries with backoff and
/// waits out a 429's Retry-After), kept as answered in the lake for the publish task.
/// </summary>
public sealed class FetchMarkets(ICoinGeckoApi coinGecko, CryptoLake files, IOptions<CryptoOptions> options, TimeProvider clock) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var settings = options.Value;
        var markets = await coinGecko.GetMarketsAsync(settings.VsCurrency, settings.Coins, 1, context.CancellationToken);
        if (markets.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"CoinGecko answered a JSON {markets.ValueKind}, not the array of markets.");

        var key = CryptoLake.RawKey(context.RunId, clock.GetUtcNow());
        await files.WriteTextAsync(key, markets.GetRawText(), context.CancellationToken);
        var coins = markets.GetArrayLength();
        context.Logger.LogInformation("Fetched {Coins} coins from CoinGecko into {Bucket}/{Key}", coins, CryptoLake.Bucket, key);
        return new JobResult(TaskOutputs.Write(new TaskOutputs.Fetched(key, coins)));
    }
}
