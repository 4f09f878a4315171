using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Apis.CoinGecko;
using Pipeline.Connectors.Apis.PokeApi;

namespace Pipeline.Connectors.Apis;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The public APIs the ingest and crypto pipelines call (settings under Apis:PokeApi and Apis:CoinGecko).</summary>
    public static IServiceCollection AddPublicApis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddResilientApiClient<IPokeApi>(configuration, "Apis:PokeApi", new Uri("https://pokeapi.co"));
        services.AddResilientApiClient<ICoinGeckoApi>(configuration, "Apis:CoinGecko", new Uri("https://api.coingecko.com"));
        return services;
    }
}
