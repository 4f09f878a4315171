using Microsoft.Data.Sqlite;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// A run's and its tasks' rows read by hand on SQLite (<see cref="SqliteTransitionStatements"/>): the columns selected, and
/// the records made from them in that order, with values in the formats EF's SQLite provider writes.
/// </summary>
public static class SqliteRunRows
{
    public const string RunColumns =
        "id, pipeline, partition, parameters_json, trigger, state, backfill_id, priority, overrides_pause, idempotency_key, created_at, started_at, finished_at, version";
    public const string TaskColumns =
        "id, run_id, task, state, attempts, attempts_before_resume, max_attempts, queue, upstream, hangfire_job_id, job_token, lease_owner, lease_expires_at, queued_at, ready_at, started_at, finished_at, error, output, progress";

    public static PipelineRunRecord ReadRun(SqliteDataReader r) => new()
    {
        Id = r.GetGuid(0),
        Pipeline = r.GetString(1),
        Partition = r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
        ParametersJson = r.GetString(3),
        Trigger = r.GetString(4),
        State = Enum.Parse<RunState>(r.GetString(5)),
        BackfillId = r.IsDBNull(6) ? null : r.GetGuid(6),
        Priority = r.GetInt32(7),
        OverridesPause = r.GetBoolean(8),
        IdempotencyKey = r.IsDBNull(9) ? null : r.GetString(9),
        CreatedAt = r.GetDateTime(10),
        StartedAt = Time(r, 11),
        FinishedAt = Time(r, 12),
        Version = r.GetInt64(13),
    };

    public static TaskRunRecord ReadTask(SqliteDataReader r, PipelineRunRecord run) => new()
    {
        Id = r.GetGuid(0),
        RunId = r.GetGuid(1),
        Task = r.GetString(2),
        State = Enum.Parse<TaskState>(r.GetString(3)),
        Attempts = r.GetInt32(4),
        AttemptsBeforeResume = r.GetInt32(5),
        MaxAttempts = r.GetInt32(6),
        Queue = r.GetString(7),
        Upstream = r.GetString(8),
        HangfireJobId = r.IsDBNull(9) ? null : r.GetString(9),
        JobToken = r.IsDBNull(10) ? null : r.GetGuid(10),
        LeaseOwner = r.IsDBNull(11) ? null : r.GetString(11),
        LeaseExpiresAt = Time(r, 12),
        QueuedAt = Time(r, 13),
        ReadyAt = Time(r, 14),
        StartedAt = Time(r, 15),
        FinishedAt = Time(r, 16),
        Error = r.IsDBNull(17) ? null : r.GetString(17),
        Output = r.IsDBNull(18) ? null : r.GetString(18),
        Progress = r.IsDBNull(19) ? null : r.GetDouble(19),
        Run = run,
    };

    private static DateTime? Time(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDateTime(i);
}
