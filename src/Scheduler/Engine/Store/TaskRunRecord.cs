namespace Pipeline.Scheduler.Engine.Store;

/// <summary>One task of one run: its state, attempts and result.</summary>
public sealed class TaskRunRecord
{
    public Guid Id { get; set; }
    public Guid RunId { get; set; }
    public required string Task { get; set; }
    public TaskState State { get; set; }
    /// <summary>All attempts ever made, across resumes; log lines are numbered by it.</summary>
    public int Attempts { get; set; }
    /// <summary>Attempts made before the latest resume: the retry budget counts from here.</summary>
    public int AttemptsBeforeResume { get; set; }
    public int MaxAttempts { get; set; }
    public required string Queue { get; set; }
    /// <summary>
    /// The task's upstream tasks when the run was created, comma-separated: a run keeps the graph it started
    /// with, so changing a pipeline's DAG does not confuse runs already in flight.
    /// </summary>
    public string Upstream { get; set; } = "";
    public string? HangfireJobId { get; set; }
    public DateTime? QueuedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Error { get; set; }
    public string? Output { get; set; }
    public double? Progress { get; set; }
    public PipelineRunRecord? Run { get; set; }

    public int AttemptInRound => Attempts - AttemptsBeforeResume;

    public IReadOnlyList<string> UpstreamTasks => Upstream.Length == 0 ? [] : Upstream.Split(',');
}
