using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.Connectors.Apis.WindSource;

public static class WindSourceApiServiceCollectionExtensions
{
    /// <summary>
    /// The source API's HTTP client: an overall timeout, bounded retries with exponential backoff and
    /// jitter for transient failures (connection refused, 5xx, 408, 429, an attempt timing out), and a
    /// timeout per attempt. No circuit breaker: the engine's task retries already space out later calls.
    /// </summary>
    public static IServiceCollection AddWindSourceApiClient(this IServiceCollection services)
    {
        services.AddSingleton<WindSourceClient>();
        services.AddHttpClient(WindSourceClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("wind-source-api", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WindSourceApiOptions>>().Value;
                pipeline.AddApiResilience(new ApiClientOptions
                {
                    AttemptTimeout = options.AttemptTimeout,
                    // Every attempt may use its whole timeout, plus the backoff between them.
                    TotalTimeout = options.AttemptTimeout * (options.Retries + 1) + options.RetryDelay * Math.Pow(2, options.Retries + 1),
                    MaxRetries = options.Retries,
                    RetryDelay = options.RetryDelay,
                });
            });
        return services;
    }
}
