namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>What a pipeline tells people about (settings: "RunFailed, Recovered").</summary>
[Flags]
public enum NotificationEvents
{
    None = 0,
    /// <summary>A run ended failed.</summary>
    RunFailed = 1,
    /// <summary>A task failed for good: its last retry failed.</summary>
    RetriesExhausted = 2,
    /// <summary>A run of a partition succeeded where the partition's previous run had failed.</summary>
    Recovered = 4,
}
