using Microsoft.Data.Sqlite;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// The statements of a task transition on SQLite, written by hand and prepared once on a connection that stays open: EF's
/// pooled contexts close their connection after each lease, and Microsoft.Data.Sqlite frees a connection's prepared
/// statements when it closes, so through EF every transition parsed each statement again, and materialised, tracked and
/// compared the run and its tasks, all under SQLite's one write lock (bench/notes.md). Values are written in the formats
/// EF's SQLite provider uses (ids and times as text, enums by name), so EF reads these rows like its own.
/// Not thread-safe: one caller at a time (see <see cref="SqliteTransitionConnection"/>).
/// </summary>
public sealed class SqliteTransitionStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _lockRunOfTask;
    private readonly SqliteCommand _tasksOfRun;
    private readonly SqliteCommand _updateTask;
    private readonly SqliteCommand _endAttempt;
    private readonly SqliteCommand _insertAttempt;
    private readonly SqliteCommand _updateRun;
    private readonly SqliteCommand _nextOfBackfill;
    private readonly SqliteCommand _lockQueuedRun;

    public SqliteTransitionStatements(SqliteConnection connection)
    {
        _connection = connection;
        // BEGIN IMMEDIATE like EF's transactions here (Microsoft.Data.Sqlite's default): the write lock is taken first, in
        // SQLite's busy handler, so a transaction never fails to upgrade a read lock later.
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        // The lock and the read in one statement: every change to a run's tasks bumps its version first (RunLocks).
        _lockRunOfTask = Prepare(
            $"UPDATE pipeline_runs SET version = version + 1 WHERE id = (SELECT run_id FROM task_runs WHERE id = $task) RETURNING {SqliteRunRows.RunColumns}",
            "$task");
        _tasksOfRun = Prepare($"SELECT {SqliteRunRows.TaskColumns} FROM task_runs WHERE run_id = $run ORDER BY id", "$run");
        _updateTask = Prepare("""
            UPDATE task_runs SET state = $state, attempts = $attempts, hangfire_job_id = $job, job_token = $token, lease_owner = $owner,
                lease_expires_at = $lease, queued_at = $queued, ready_at = $ready, started_at = $started, finished_at = $finished,
                error = $error, output = $output, progress = $progress
            WHERE id = $id
            """, "$state", "$attempts", "$job", "$token", "$owner", "$lease", "$queued", "$ready", "$started", "$finished", "$error",
            "$output", "$progress", "$id");
        _endAttempt = Prepare(
            "UPDATE task_attempts SET outcome = $outcome, finished_at = $finished, error = $error WHERE task_run_id = $task AND number = $number",
            "$outcome", "$finished", "$error", "$task", "$number");
        _insertAttempt = Prepare("""
            INSERT INTO task_attempts (task_run_id, number, host, queued_at, started_at, finished_at, outcome, error)
            VALUES ($task, $number, $host, $queued, $started, $finished, $outcome, $error)
            """, "$task", "$number", "$host", "$queued", "$started", "$finished", "$outcome", "$error");
        _updateRun = Prepare("UPDATE pipeline_runs SET state = $state, started_at = $started, finished_at = $finished WHERE id = $id",
            "$state", "$started", "$finished", "$id");
        _nextOfBackfill = Prepare(string.Format(HandoverQueries.NextOfBackfill, "$pipeline", "$queued", "$backfill", "$running", "$limit"),
            "$pipeline", "$queued", "$backfill", "$running", "$limit");
        _nextOfBackfill.Parameters[1].Value = nameof(RunState.Queued);
        _nextOfBackfill.Parameters[3].Value = nameof(RunState.Running);
        // Only while it is still queued, so that a cancelled run is never started (as RunLocks.LockQueuedRunAsync).
        _lockQueuedRun = Prepare(
            $"UPDATE pipeline_runs SET version = version + 1 WHERE id = $run AND state = '{nameof(RunState.Queued)}' RETURNING {SqliteRunRows.RunColumns}",
            "$run");
    }

    public void Begin() => Run(_begin);

    public void Commit() => Run(_commit);

    public void Rollback() => Run(_rollback);

    /// <summary>Rolls back after a failure, if SQLite has not already ended the transaction itself (it does on some errors).</summary>
    public void RollbackIfOpen()
    {
        try
        {
            Run(_rollback);
        }
        catch (SqliteException)
        {
            // No transaction is active: nothing to undo.
        }
    }

    /// <summary>Locks the run of the task and reads it with all its tasks (untracked records); null when the task does not exist.</summary>
    public PipelineRunRecord? LockRunOfTask(Guid taskRunId)
    {
        _lockRunOfTask.Parameters[0].Value = Text(taskRunId);
        return LockAndRead(_lockRunOfTask);
    }

    /// <summary>Locks the run if it is still queued and reads it with all its tasks; null when it is not.</summary>
    public PipelineRunRecord? LockQueuedRun(Guid runId)
    {
        _lockQueuedRun.Parameters[0].Value = Text(runId);
        return LockAndRead(_lockQueuedRun);
    }

    /// <summary>The next run of the backfill to take an ended run's place (<see cref="HandoverQueries.NextOfBackfill"/>); null when none may.</summary>
    public Guid? NextOfBackfill(string pipeline, Guid backfill, int maxConcurrentRuns)
    {
        var p = _nextOfBackfill.Parameters;
        p[0].Value = pipeline;
        p[2].Value = Text(backfill);
        p[4].Value = maxConcurrentRuns;
        using var reader = _nextOfBackfill.ExecuteReader();
        return reader.Read() ? reader.GetGuid(0) : null;
    }

    /// <summary>Writes the columns of a run that a transition may change.</summary>
    public void UpdateRun(PipelineRunRecord run)
    {
        var p = _updateRun.Parameters;
        p[0].Value = run.State.ToString();
        p[1].Value = Value(run.StartedAt);
        p[2].Value = Value(run.FinishedAt);
        p[3].Value = Text(run.Id);
        Run(_updateRun);
    }

    private PipelineRunRecord? LockAndRead(SqliteCommand lockCommand)
    {
        PipelineRunRecord run;
        using (var reader = lockCommand.ExecuteReader())
        {
            if (!reader.Read()) return null;
            run = SqliteRunRows.ReadRun(reader);
        }

        _tasksOfRun.Parameters[0].Value = Text(run.Id);
        using (var reader = _tasksOfRun.ExecuteReader())
            while (reader.Read())
                run.Tasks.Add(SqliteRunRows.ReadTask(reader, run));
        return run;
    }

    /// <summary>Writes every column a transition may change.</summary>
    public void UpdateTask(TaskRunRecord task)
    {
        var p = _updateTask.Parameters;
        p[0].Value = task.State.ToString();
        p[1].Value = task.Attempts;
        p[2].Value = (object?)task.HangfireJobId ?? DBNull.Value;
        p[3].Value = Text(task.JobToken);
        p[4].Value = (object?)task.LeaseOwner ?? DBNull.Value;
        p[5].Value = Value(task.LeaseExpiresAt);
        p[6].Value = Value(task.QueuedAt);
        p[7].Value = Value(task.ReadyAt);
        p[8].Value = Value(task.StartedAt);
        p[9].Value = Value(task.FinishedAt);
        p[10].Value = (object?)task.Error ?? DBNull.Value;
        p[11].Value = (object?)task.Output ?? DBNull.Value;
        p[12].Value = (object?)task.Progress ?? DBNull.Value;
        p[13].Value = Text(task.Id);
        Run(_updateTask);
    }

    public void EndAttempt(Guid taskRunId, int number, AttemptOutcome outcome, DateTime finishedAt, string? error)
    {
        var p = _endAttempt.Parameters;
        p[0].Value = outcome.ToString();
        p[1].Value = finishedAt;
        p[2].Value = (object?)error ?? DBNull.Value;
        p[3].Value = Text(taskRunId);
        p[4].Value = number;
        Run(_endAttempt);
    }

    public void InsertAttempt(TaskAttemptRecord attempt)
    {
        var p = _insertAttempt.Parameters;
        p[0].Value = Text(attempt.TaskRunId);
        p[1].Value = attempt.Number;
        p[2].Value = attempt.Host;
        p[3].Value = Value(attempt.QueuedAt);
        p[4].Value = attempt.StartedAt;
        p[5].Value = Value(attempt.FinishedAt);
        p[6].Value = attempt.Outcome.ToString();
        p[7].Value = (object?)attempt.Error ?? DBNull.Value;
        Run(_insertAttempt);
    }

    public void Dispose()
    {
        foreach (var command in new[] { _begin, _commit, _rollback, _lockRunOfTask, _tasksOfRun, _updateTask, _endAttempt, _insertAttempt, _updateRun,
                     _nextOfBackfill, _lockQueuedRun })
            command.Dispose();
    }

    /// <summary>Ids as EF's SQLite provider stores them: upper-case text.</summary>
    private static object Text(Guid? id) => id is { } value ? value.ToString().ToUpperInvariant() : DBNull.Value;

    private static object Value(DateTime? time) => time is { } value ? value : DBNull.Value;

    private void Run(SqliteCommand command) => command.ExecuteNonQuery();

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }
}
