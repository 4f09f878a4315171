namespace Pipeline.Scheduler.Engine.Store;

/// <summary>A request to run a pipeline for every day of a range: one run per day.</summary>
public sealed class BackfillRecord
{
    public Guid Id { get; set; }
    public required string Pipeline { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Who asked for it (see <see cref="AuditRecord.Actor"/>); null for backfills from before it was kept.</summary>
    public string? CreatedBy { get; set; }
    /// <summary>Which days of the range it covers, when not every one (e.g. "failed and missing days").</summary>
    public string? Filter { get; set; }
    /// <summary>Its own limit on runs at once, below the pipeline's; null means the pipeline's limit alone.</summary>
    public int? MaxConcurrentRuns { get; set; }
    /// <summary>When it was last cancelled; cleared again when its failed runs are retried.</summary>
    public DateTime? CancelledAt { get; set; }
}
