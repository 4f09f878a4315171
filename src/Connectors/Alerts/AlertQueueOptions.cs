namespace Pipeline.Connectors.Alerts;

/// <summary>Settings of the Alerts connector (section "Alerts"; the broker is ConnectionStrings:RabbitMq).</summary>
public sealed class AlertQueueOptions
{
    public const string Section = "Alerts";

    /// <summary>How long connecting, or any one broker operation, may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
