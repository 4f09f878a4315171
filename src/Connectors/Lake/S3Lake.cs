using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Pipeline.Connectors.Lake;

/// <summary>
/// The lake on S3 or MinIO (path-style requests, through the Minio SDK). Every request is bounded by
/// <see cref="LakeOptions.RequestTimeout"/> and transient failures (network errors, timeouts, 5xx, SlowDown)
/// are retried <see cref="LakeOptions.MaxRetries"/> times with exponential backoff; a missing bucket is
/// created on the first write.
/// </summary>
public sealed class S3Lake : ILake
{
    private static readonly HashSet<string> TransientCodes =
        new(StringComparer.Ordinal) { "InternalError", "SlowDown", "ServiceUnavailable", "RequestTimeout", "RequestTimeTooSkewed" };

    private readonly Uri _endpoint;
    private readonly ILogger<S3Lake> _logger;
    private readonly ResiliencePipeline _resilience;
    private readonly int _attempts;
    private readonly ConcurrentDictionary<string, Task> _bucketsEnsured = new(StringComparer.Ordinal);

    public S3Lake(IMinioClient client, Uri endpoint, LakeOptions options, ILogger<S3Lake> logger)
    {
        Client = client;
        _endpoint = endpoint;
        _logger = logger;
        _attempts = options.MaxRetries + 1;
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryDelay,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && IsTransient(e, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    _logger.LogWarning("Lake request failed (attempt {Attempt} of {Attempts}), retrying in {Delay} ms: {Error}",
                        args.AttemptNumber + 1, _attempts, (int)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            });
        }
        _resilience = builder.AddTimeout(options.RequestTimeout).Build();
    }

    internal IMinioClient Client { get; }

    public string Description => $"S3 at {_endpoint.GetLeftPart(UriPartial.Authority)} (path style)";

    public ILakeBucket Bucket(string name) => new S3LakeBucket(this, LakeKeys.ValidateBucket(name));

    public async Task ProbeAsync(CancellationToken ct) => await Client.ListBucketsAsync(ct);

    /// <summary>
    /// Runs one S3 request under the timeout and retry policy. What is still failing afterwards becomes a
    /// <see cref="LakeException"/> naming the operation and object; "not found" and the caller's own
    /// cancellation pass through unchanged.
    /// </summary>
    internal async Task<T> RunAsync<T>(string operation, string bucket, string key, Func<CancellationToken, Task<T>> request,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _resilience.ExecuteAsync(async token => await request(token), cancellationToken);
        }
        catch (LakeException)
        {
            throw; // "not found", already in the lake's words
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new LakeException(
                $"Lake {Description}: {operation} '{bucket}/{key}' failed" +
                (IsTransient(e, cancellationToken) ? $" after {_attempts} attempt(s)" : "") + $": {Describe(e)}", e);
        }
    }

    internal Task RunAsync(string operation, string bucket, string key, Func<CancellationToken, Task> request,
        CancellationToken cancellationToken) =>
        RunAsync(operation, bucket, key, async token => { await request(token); return true; }, cancellationToken);

    /// <summary>Creates the bucket when it is missing, once per bucket and process (a failure is tried again next time).</summary>
    internal async Task EnsureBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var ensured = _bucketsEnsured.GetOrAdd(bucket, b => CreateBucketIfMissingAsync(b));
        try
        {
            await ensured.WaitAsync(cancellationToken);
        }
        finally
        {
            if (ensured.IsFaulted || ensured.IsCanceled) _bucketsEnsured.TryRemove(KeyValuePair.Create(bucket, ensured));
        }
    }

    private async Task CreateBucketIfMissingAsync(string bucket)
    {
        // Not the caller's token: other callers may be waiting on this same task. The policy bounds it.
        var exists = await RunAsync("bucket-exists", bucket, "", token =>
            Client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), token), CancellationToken.None);
        if (exists) return;
        await RunAsync("make-bucket", bucket, "", async token =>
        {
            try
            {
                await Client.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket), token);
                _logger.LogInformation("Lake bucket {Bucket} created", bucket);
            }
            catch (MinioException e) when (e.Response?.Code is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
                // Another writer created it a moment ago.
            }
        }, CancellationToken.None);
    }

    internal static bool IsNotFound(Exception e) =>
        e is ObjectNotFoundException or BucketNotFoundException
        || (e is MinioException m && m.Response?.Code is "NoSuchKey" or "NoSuchBucket");

    private static bool IsTransient(Exception e, CancellationToken callerToken) => e switch
    {
        _ when IsNotFound(e) => false,
        TimeoutRejectedException => true,
        S3ErrorResponseException r => (int)r.Status >= 500 || r.Code is { } code && TransientCodes.Contains(code),
        OperationCanceledException => !callerToken.IsCancellationRequested, // the HTTP client's own timeout
        HttpRequestException or IOException or SocketException => true,
        ConnectionException or InternalServerException or UnexpectedShortReadException => true,
        MinioException m => m.Response?.Code is { } code && TransientCodes.Contains(code)
                            || m.InnerException is HttpRequestException or IOException or SocketException,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        MinioException { Response.Code: { Length: > 0 } code } m => $"{code}: {m.Response.Message ?? m.Message}",
        S3ErrorResponseException { Code: { Length: > 0 } code } r => $"{code}: {r.Message}",
        _ => e.Message,
    };
}
