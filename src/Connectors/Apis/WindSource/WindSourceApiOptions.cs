namespace Pipeline.Connectors.Apis.WindSource;

/// <summary>How the ETL calls the source API (section "WindEtl:SourceApi").</summary>
public sealed class WindSourceApiOptions
{
    public const string Section = "WindEtl:SourceApi";

    /// <summary>The API's base address; empty: this host's own address (it serves the API itself).</summary>
    public string? Url { get; set; }

    /// <summary>The longest one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a failed attempt (a connection refused, a 5xx, a timeout), with exponential backoff.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>The wait before the first retry; doubled for each next one, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
