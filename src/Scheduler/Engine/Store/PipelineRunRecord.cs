namespace Pipeline.Scheduler.Engine.Store;

/// <summary>One execution of a pipeline's DAG, for one partition or none.</summary>
public sealed class PipelineRunRecord
{
    public Guid Id { get; set; }
    public required string Pipeline { get; set; }
    public DateOnly? Partition { get; set; }
    public string ParametersJson { get; set; } = "{}";
    /// <summary>api, dashboard, cli, schedule, backfill.</summary>
    public required string Trigger { get; set; }
    public RunState State { get; set; }
    public Guid? BackfillId { get; set; }
    /// <summary>Higher starts first among a pipeline's queued runs (see RunPriority): a manual run goes ahead of a backfill's.</summary>
    public int Priority { get; set; }
    /// <summary>An operator asked for this run to start even though its pipeline is paused.</summary>
    public bool OverridesPause { get; set; }
    /// <summary>Makes a repeated trigger (a retried schedule job, a client's retried POST) return the first run.</summary>
    public string? IdempotencyKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Bumped by every transaction that changes the run's tasks, which serialises them (see RunLock).</summary>
    public long Version { get; set; }
    public List<TaskRunRecord> Tasks { get; set; } = [];
}
