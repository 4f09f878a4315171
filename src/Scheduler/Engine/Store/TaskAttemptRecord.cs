namespace Pipeline.Scheduler.Engine.Store;

/// <summary>One attempt of a task run: where it ran, when, and how it ended.</summary>
public sealed class TaskAttemptRecord
{
    public Guid TaskRunId { get; set; }
    /// <summary>The attempt's number among all attempts of the task run (log lines carry the same number).</summary>
    public int Number { get; set; }
    /// <summary>The host (Hangfire server name) that ran it.</summary>
    public required string Host { get; set; }
    /// <summary>When the task was queued for this attempt: the start minus this is the queue wait.</summary>
    public DateTime? QueuedAt { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public AttemptOutcome Outcome { get; set; }
    public string? Error { get; set; }
}
