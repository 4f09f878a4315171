using Pipeline.Connectors.Apis;
using Pipeline.Jobs.Crypto;
using Pipeline.Jobs.Ingest;

namespace Pipeline.Scheduler.Hosting;

public static class IngestAndCryptoHostingExtensions
{
    /// <summary>What the ingest and crypto pipelines use besides the shared connectors: their API clients and services.</summary>
    public static IServiceCollection AddIngestAndCrypto(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPublicApis(configuration);
        services.AddSingleton<PokemonLookup>();
        services.AddSingleton<RawDataFiles>();

        services.AddOptions<CryptoOptions>().Bind(configuration.GetSection(CryptoOptions.Section))
            .Validate(o => o.MovingAverageWindow is >= 1 and <= 1000, "Crypto:MovingAverageWindow must be between 1 and 1000.")
            .Validate(o => o.Coins is >= 1 and <= 250, "Crypto:Coins must be between 1 and 250.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Topic) && !string.IsNullOrWhiteSpace(o.ConsumerGroup),
                "Crypto:Topic and Crypto:ConsumerGroup must be set.")
            .ValidateOnStart();
        services.AddSingleton<SnapshotDeriver>();
        services.AddSingleton<MarketBatchProcessor>();
        services.AddSingleton<CryptoLake>();
        return services;
    }
}
