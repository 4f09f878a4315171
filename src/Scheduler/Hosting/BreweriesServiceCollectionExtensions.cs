using Pipeline.Connectors.Apis;
using Pipeline.Connectors.Apis.OpenBreweryDb;
using Pipeline.Jobs.Breweries;

namespace Pipeline.Scheduler.Hosting;

public static class BreweriesServiceCollectionExtensions
{
    /// <summary>
    /// What the breweries pipeline's jobs and its dashboard page need: settings (section Breweries), the Open
    /// Brewery DB client (section Apis:OpenBreweryDb: timeouts, retries honouring Retry-After) and the gold reader.
    /// </summary>
    public static IServiceCollection AddBreweries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BreweriesOptions>().Bind(configuration.GetSection(BreweriesOptions.Section))
            .Validate(o => o.PageSize is >= 1 and <= 200, "Breweries:PageSize must be between 1 and 200.")
            .Validate(o => o.MaxPages >= 1, "Breweries:MaxPages must be at least 1.")
            .Validate(o => o.ChartLocations >= 1 && o.ChartWidth >= 200 && o.ChartHeight >= 150,
                "Breweries:ChartLocations must be at least 1, ChartWidth at least 200 and ChartHeight at least 150.")
            .ValidateOnStart();
        services.AddResilientApiClient<IOpenBreweryDbApi>(configuration, "Apis:OpenBreweryDb", new Uri("https://api.openbrewerydb.org"));
        services.AddSingleton<BreweriesGold>();
        return services;
    }
}
