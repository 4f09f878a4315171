namespace Pipeline.Scheduler.Engine.Store;

/// <summary>A partition that missed its freshness deadline and was notified; removed when it succeeds.</summary>
public sealed class LatePartitionRecord
{
    public required string Pipeline { get; set; }
    public DateOnly Partition { get; set; }
    public DateTime Deadline { get; set; }
    public DateTime NotifiedAt { get; set; }
}
