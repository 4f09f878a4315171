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
    /// <summary>
    /// Attempts that do not count against the retry budget: those made before the latest resume, and those a
    /// host handed back because it was stopping (not the task's fault).
    /// </summary>
    public int AttemptsBeforeResume { get; set; }
    public int MaxAttempts { get; set; }
    public required string Queue { get; set; }
    /// <summary>
    /// The task's upstream tasks when the run was created, comma-separated: a run keeps the graph it started
    /// with, so changing a pipeline's DAG does not confuse runs already in flight.
    /// </summary>
    public string Upstream { get; set; } = "";
    public string? HangfireJobId { get; set; }
    /// <summary>
    /// The token that the task's current Hangfire job carries; a job with another token (a stale copy of a lost or
    /// handed-back attempt) may not claim the task. A new one is drawn each time the task is queued.
    /// </summary>
    public Guid? JobToken { get; set; }
    /// <summary>The host running the current attempt; it renews the lease while the attempt runs.</summary>
    public string? LeaseOwner { get; set; }
    /// <summary>When the current attempt is lost unless its host renews the lease first.</summary>
    public DateTime? LeaseExpiresAt { get; set; }
    public DateTime? QueuedAt { get; set; }
    /// <summary>When the next attempt may start: queued, or due after a retry's backoff. Its attempt's queue wait counts from here.</summary>
    public DateTime? ReadyAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Error { get; set; }
    public string? Output { get; set; }
    public double? Progress { get; set; }
    public PipelineRunRecord? Run { get; set; }

    public int AttemptInRound => Attempts - AttemptsBeforeResume;

    public IReadOnlyList<string> UpstreamTasks => Upstream.Length == 0 ? [] : Upstream.Split(',');
}
