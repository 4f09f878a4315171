namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// What operators have set on a pipeline, kept in the run store so that it holds across restarts and on every
/// host sharing the store: today, whether it is paused.
/// </summary>
public sealed class PipelineStateRecord
{
    public required string Pipeline { get; set; }
    /// <summary>A paused pipeline's schedule makes no runs and its queued runs wait (unless started by hand).</summary>
    public bool Paused { get; set; }
    public DateTime ChangedAt { get; set; }
}
