namespace Pipeline.Scheduler.Hosting;

/// <summary>Settings of the start-up warm-up (section "WarmUp"), see <see cref="StartupWarmUp"/>.</summary>
public sealed class StartupWarmUpOptions
{
    public const string Section = "WarmUp";

    /// <summary>Whether the host runs the engine's and the pipelines' first-use code once in the background as it starts.</summary>
    public bool Enabled { get; set; } = true;
}
