using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// What EF's change tracker did for a transition written by hand (SqliteSuccess): remembers the runs and tasks as read, writes
/// back only those the transition changed, and keeps what the run store's telemetry counts once it commits (runs started and
/// ended, attempts begun).
/// </summary>
public sealed class SqliteRowChanges
{
    private readonly List<(PipelineRunRecord Run, RunColumns Before, List<TaskColumns> Tasks)> _read = [];

    /// <summary>Attempt records begun by the transition (AttemptBeginning hands them here), written with the rest.</summary>
    public List<TaskAttemptRecord> Started { get; } = [];

    /// <summary>Runs whose state the written changes moved, with the state they had.</summary>
    public List<(PipelineRunRecord Run, RunState Before)> RunStates { get; } = [];

    /// <summary>Attempts begun by the written changes, with their task's name.</summary>
    public List<(string Task, TaskAttemptRecord Attempt, string Pipeline)> Begun { get; } = [];

    public void Track(PipelineRunRecord run) => _read.Add((run, RunColumns.Of(run), run.Tasks.Select(TaskColumns.Of).ToList()));

    /// <summary>Writes what changed since the runs were read (or last written), in the caller's transaction.</summary>
    public void Write(SqliteTransitionStatements s)
    {
        for (var r = 0; r < _read.Count; r++)
        {
            var (run, before, tasks) = _read[r];
            var now = RunColumns.Of(run);
            if (now != before)
            {
                s.UpdateRun(run);
                if (now.State != before.State) RunStates.Add((run, before.State));
            }
            for (var i = 0; i < run.Tasks.Count; i++)
            {
                var task = TaskColumns.Of(run.Tasks[i]);
                if (task == tasks[i]) continue;
                s.UpdateTask(run.Tasks[i]);
                tasks[i] = task;
            }
            _read[r] = (run, now, tasks);
        }
        foreach (var attempt in Started)
        {
            s.InsertAttempt(attempt);
            var (pipeline, task) = NamesOf(attempt.TaskRunId);
            Begun.Add((task, attempt, pipeline));
        }
        Started.Clear();
    }

    private (string Pipeline, string Task) NamesOf(Guid taskRunId)
    {
        foreach (var (run, _, _) in _read)
            if (run.Tasks.FirstOrDefault(t => t.Id == taskRunId) is { } task) return (run.Pipeline, task.Task);
        throw new InvalidOperationException($"Task run {taskRunId} began an attempt but was not read.");
    }

    private readonly record struct RunColumns(RunState State, DateTime? StartedAt, DateTime? FinishedAt)
    {
        public static RunColumns Of(PipelineRunRecord r) => new(r.State, r.StartedAt, r.FinishedAt);
    }

    /// <summary>The columns of a task a transition may change.</summary>
    private readonly record struct TaskColumns(TaskState State, int Attempts, string? HangfireJobId, Guid? JobToken, string? LeaseOwner,
        DateTime? LeaseExpiresAt, DateTime? QueuedAt, DateTime? ReadyAt, DateTime? StartedAt, DateTime? FinishedAt, string? Error,
        string? Output, double? Progress)
    {
        public static TaskColumns Of(TaskRunRecord t) => new(t.State, t.Attempts, t.HangfireJobId, t.JobToken, t.LeaseOwner,
            t.LeaseExpiresAt, t.QueuedAt, t.ReadyAt, t.StartedAt, t.FinishedAt, t.Error, t.Output, t.Progress);
    }
}
