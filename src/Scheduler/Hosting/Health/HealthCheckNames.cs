namespace Pipeline.Scheduler.Hosting.Health;

/// <summary>The checks of /health/ready, named after the part they check, whatever serves it.</summary>
public static class HealthCheckNames
{
    public const string RunStore = "run-store";
    public const string HangfireStorage = "hangfire-storage";
    public const string Lake = "lake";
    public const string Streams = "streams";
    public const string Cache = "cache";
    public const string AlertQueue = "alert-queue";

    public static readonly IReadOnlyList<string> All = [RunStore, HangfireStorage, Lake, Streams, Cache, AlertQueue];

    public const string LiveTag = "live";
    public const string ReadyTag = "ready";
}
