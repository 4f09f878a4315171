using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

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
                var total = options.AttemptTimeout * (options.Retries + 1) + options.RetryDelay * Math.Pow(2, options.Retries + 1);
                pipeline.AddTimeout(total);
                if (options.Retries > 0)
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.Retries,
                        Delay = options.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                pipeline.AddTimeout(options.AttemptTimeout);
            });
        return services;
    }
}
