namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// Who may use the dashboard and the mutating API from another machine (section "Access"). From
/// localhost no credentials are needed; from elsewhere, HTTP Basic with these, and nothing when unset.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    public string? Username { get; set; }
    public string? Password { get; set; }
}
