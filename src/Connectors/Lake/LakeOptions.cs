namespace Pipeline.Connectors.Lake;

/// <summary>Settings of the lake (section "Lake" of appsettings.json).</summary>
public sealed class LakeOptions
{
    public const string Section = "Lake";

    /// <summary>An S3 or MinIO endpoint such as http://minio:9000; empty means the local folder.</summary>
    public string? Endpoint { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>The local folder of embedded mode; empty means "lake" under the engine's data directory.</summary>
    public string? Directory { get; set; }

    /// <summary>The longest one S3 request may take before it is abandoned and retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a failed S3 request is retried (with exponential backoff) before giving up.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff between retries; it doubles after each.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
