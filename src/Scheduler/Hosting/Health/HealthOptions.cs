namespace Pipeline.Scheduler.Hosting.Health;

/// <summary>Settings of the health probes (section "Health").</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Checks (by name) whose failure makes the host Degraded (200) rather than Unhealthy (503).</summary>
    public string[] Optional { get; set; } = [];

    /// <summary>How long one check may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
