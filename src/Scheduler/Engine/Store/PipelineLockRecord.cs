namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// One row per pipeline whose update serialises the decision to start queued runs, so that several
/// hosts sharing a database never run more than the pipeline's limit at once.
/// </summary>
public sealed class PipelineLockRecord
{
    public required string Pipeline { get; set; }
    public long Version { get; set; }
}
