using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// Retries the engine's calls to Hangfire's storage (creating and deleting jobs) through connection failures,
/// with exponential backoff for up to Engine:StoreRetryPeriod: a PostgreSQL restart must not leave a task
/// without its job. The run store's own transactions retry through EF Core's execution strategy instead.
/// </summary>
public sealed class StorageRetry
{
    private readonly ResiliencePipeline _pipeline;

    public StorageRetry(IOptions<EngineOptions> options, ILogger<StorageRetry> logger)
    {
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = MaxDelay,
                MaxRetryAttempts = AttemptsFor(options.Value.StoreRetryPeriod),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "Hangfire's storage did not answer; retry {Attempt} in {Delay}", args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The longest wait between two tries.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>Enough tries with waits growing to <see cref="MaxDelay"/> to span the period.</summary>
    public static int AttemptsFor(TimeSpan period) => 4 + (int)Math.Ceiling(period / MaxDelay);

    public async Task<T> RunAsync<T>(Func<T> call, CancellationToken ct) =>
        await _pipeline.ExecuteAsync(_ => ValueTask.FromResult(call()), ct);

    /// <summary>A lost connection or a restarting server; not a bad statement, which would fail again.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException or IOException)
                return true;
        return false;
    }
}
