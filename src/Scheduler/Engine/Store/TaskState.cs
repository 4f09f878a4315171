namespace Pipeline.Scheduler.Engine.Store;

public enum TaskState
{
    /// <summary>Waiting for its upstream tasks.</summary>
    Pending,
    /// <summary>Handed to Hangfire, waiting for a worker.</summary>
    Queued,
    Running,
    /// <summary>An attempt failed; the next one is scheduled.</summary>
    UpForRetry,
    Succeeded,
    Failed,
    /// <summary>Will not run because a task it depends on failed.</summary>
    UpstreamFailed,
    Cancelled,
}
