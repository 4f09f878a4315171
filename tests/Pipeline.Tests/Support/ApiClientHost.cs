using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Connectors.Apis;

namespace Pipeline.Tests.Support;

/// <summary>The public API clients exactly as the host registers them, pointed at a WireMock server.</summary>
public static class ApiClientHost
{
    public static ServiceProvider Create(string baseUrl, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Apis:PokeApi:BaseAddress"] = baseUrl,
            ["Apis:PokeApi:RetryDelay"] = "00:00:00.050",
            // Generous, so a loaded machine never turns a slow first answer into a retry; the timeout test sets its own.
            ["Apis:PokeApi:AttemptTimeout"] = "00:00:10",
            ["Apis:PokeApi:TotalTimeout"] = "00:00:30",
            ["Apis:PokeApi:MaxRetries"] = "2",
            ["Apis:CoinGecko:BaseAddress"] = baseUrl,
            ["Apis:CoinGecko:RetryDelay"] = "00:00:00.050",
            ["Apis:CoinGecko:MaxRetries"] = "2",
        };
        foreach (var (key, value) in settings ?? []) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddPublicApis(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
