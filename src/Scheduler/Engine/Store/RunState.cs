namespace Pipeline.Scheduler.Engine.Store;

public enum RunState
{
    /// <summary>Waiting for a slot under the pipeline's limit on concurrent runs.</summary>
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
