namespace Pipeline.Connectors.Alerts;

/// <summary>Settings of the Alerts connector (section "Alerts"; the broker is ConnectionStrings:RabbitMq).</summary>
public sealed class AlertQueueOptions
{
    public const string Section = "Alerts";

    /// <summary>How long connecting, or any one broker operation, may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a failed connection attempt is retried (exponential backoff with jitter) before giving up.</summary>
    public int ConnectRetries { get; set; } = 2;

    /// <summary>The first wait between connection attempts; it doubles after each.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
