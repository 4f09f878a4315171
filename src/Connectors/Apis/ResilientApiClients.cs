using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace Pipeline.Connectors.Apis;

public static class ResilientApiClients
{
    /// <summary>JSON as the public APIs here write it: snake_case names, unknown fields ignored.</summary>
    public static JsonSerializerOptions SnakeCaseJson { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>
    /// Registers a Refit client for <typeparamref name="TClient"/> whose settings are read from the
    /// configuration section <paramref name="section"/> (see <see cref="ApiClientOptions"/>), with a timeout
    /// per attempt, a total timeout, and bounded retries with backoff that honour Retry-After.
    /// </summary>
    public static IHttpClientBuilder AddResilientApiClient<TClient>(
        this IServiceCollection services, IConfiguration configuration, string section, Uri defaultBaseAddress)
        where TClient : class
    {
        var name = typeof(TClient).Name;
        services.AddOptions<ApiClientOptions>(name)
            .Bind(configuration.GetSection(section))
            .PostConfigure(o => o.BaseAddress ??= defaultBaseAddress)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, $"{section}:BaseAddress must be an absolute URL.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.TotalTimeout >= o.AttemptTimeout,
                $"{section}: AttemptTimeout must be positive and at most TotalTimeout.")
            .Validate(o => o.MaxRetries is >= 0 and <= 10, $"{section}:MaxRetries must be between 0 and 10.")
            .ValidateOnStart();

        var builder = services
            .AddRefitGeneratedClient<TClient>(new RefitSettings(new SystemTextJsonContentSerializer(SnakeCaseJson)))
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<IOptionsMonitor<ApiClientOptions>>().Get(name).BaseAddress;
                // The resilience pipeline owns the timeouts; HttpClient's own 100 s must not cut it short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            });

        builder.AddResilienceHandler($"{name}-resilience", (pipeline, context) =>
            pipeline.AddApiResilience(context.ServiceProvider.GetRequiredService<IOptionsMonitor<ApiClientOptions>>().Get(name)));
        return builder;
    }

    /// <summary>
    /// The resilience every HTTP API call of ours gets: a total timeout, bounded retries of transient failures
    /// with exponential backoff and jitter, and a timeout per attempt.
    /// </summary>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddApiResilience(
        this ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ApiClientOptions options)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.TotalTimeout,
                // A 429 or 503 saying when to come back is waited out (within the total timeout).
                ShouldRetryAfterHeader = true,
            });
        return pipeline.AddTimeout(options.AttemptTimeout);
    }
}
