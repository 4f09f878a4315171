using Pipeline.Jobs.Crypto;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Pipelines;

/// <summary>
/// crypto: every 10 minutes, CoinGecko's markets → the Kafka topic crypto_markets → a consumer group that
/// cleans and derives (change since the previous snapshot, moving average) → crypto_market_snapshots. One run
/// at a time, since each run's derived fields build on what the one before stored.
/// </summary>
public sealed class CryptoPipeline : IPipelineProvider
{
    public const string Name = "crypto";

    public PipelineDefinition Define() => new PipelineBuilder(Name)
        .Describe("CoinGecko market data through Kafka into the warehouse, with changes and moving averages, every 10 minutes.")
        .Schedule("*/10 * * * *")
        .MaxConcurrentRuns(1)
        .DefaultRetry(new RetryPolicy(Attempts: 3, InitialDelay: TimeSpan.FromSeconds(5), MaxDelay: TimeSpan.FromMinutes(1)))
        .DefaultTimeout(TimeSpan.FromMinutes(5))
        .Task<FetchMarkets>("fetch_markets")
        .Task<PublishMarkets>("publish", after: ["fetch_markets"])
        .Task<ConsumeAndProcessMarkets>("consume_and_process", after: ["publish"])
        .Task<StoreMarkets>("store", after: ["consume_and_process"])
        .Build();
}
