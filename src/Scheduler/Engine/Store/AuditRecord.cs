namespace Pipeline.Scheduler.Engine.Store;

/// <summary>One change an operator made (who, when, what), written in the same transaction as the change.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Who asked: the channel and the person or address, e.g. "api:admin" or "cli:ana@build-01".</summary>
    public required string Actor { get; set; }
    /// <summary>Where the request came from (the caller's address, after trusted proxies); null for the command line.</summary>
    public string? Address { get; set; }
    /// <summary>What was done, e.g. "pipeline.pause", "backfill.cancel", "run.clear".</summary>
    public required string Action { get; set; }
    public required string Pipeline { get; set; }
    public Guid? RunId { get; set; }
    public Guid? BackfillId { get; set; }
    /// <summary>What the change touched, in words (counts, tasks, range).</summary>
    public string? Details { get; set; }
}
