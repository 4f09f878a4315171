namespace Pipeline.Connectors.Apis;

/// <summary>
/// Where an HTTP API lives and how patiently to call it. Each attempt has its own timeout; transient
/// failures (5xx, 408, 429, timeouts, refused connections) are retried with exponential backoff and
/// jitter, honouring a Retry-After header, until <see cref="MaxRetries"/> or <see cref="TotalTimeout"/>.
/// </summary>
public sealed class ApiClientOptions
{
    public Uri? BaseAddress { get; set; }
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public int MaxRetries { get; set; } = 3;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
