namespace Pipeline.Bench.Hosting;

/// <summary>The engine settings every bench host gets (the shipped appsettings.json defaults unless overridden).</summary>
public sealed record EngineSettings(int Workers, int MaxConcurrentRuns, TimeSpan QueuePollInterval, TimeSpan SchedulePollingInterval, bool LongPolling,
    bool RunReadyTasksInline = true);
