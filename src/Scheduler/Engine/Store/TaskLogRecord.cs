namespace Pipeline.Scheduler.Engine.Store;

/// <summary>One line a task logged during one attempt.</summary>
public sealed class TaskLogRecord
{
    public long Id { get; set; }
    public Guid TaskRunId { get; set; }
    public int Attempt { get; set; }
    public DateTime Timestamp { get; set; }
    public required string Level { get; set; }
    public required string Message { get; set; }
}
