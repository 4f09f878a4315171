using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Telemetry;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// A successful attempt on the embedded run store, without EF: the same transition as <see cref="TaskTransitions.SucceedAsync"/>
/// (the token check, <see cref="RunAdvancer"/>, the inline offer) on records read and written by hand through prepared
/// statements (<see cref="SqliteTransitionStatements"/>). Under SQLite's one write lock EF's load, change tracking and save
/// were most of a transition's hold (bench/notes.md). A success that ends its run is left to the EF path (it rolls back here),
/// which hands the run's place over and writes the run's end, its notifications and counts; what this path does write needs
/// none of the run store's SaveChanges interceptors but the telemetry's attempt counts, which it makes itself.
/// </summary>
public sealed class SqliteSuccess(SqliteTransitionConnection connection, AttemptBeginning beginning,
    RunStoreTelemetryInterceptor? telemetry = null)
{
    /// <summary>What committed: the tasks to hand to Hangfire and the attempt begun inline; Held false when the token was stale.</summary>
    public sealed record Committed(bool Held, string Pipeline, IReadOnlyList<TaskDispatcher.Claimed> Claimed, InlineAttempt? Next);

    private sealed record Written(Committed Result, string Task, IReadOnlyList<(string Task, TaskAttemptRecord Attempt)> Started);

    /// <summary>Records the success; null when it ended the run (or the task is gone) and nothing was written: take the EF path.</summary>
    public async Task<Committed?> TrySucceedAsync(Guid taskRunId, Guid token, string? output, InlineOffer? inline, DateTime now,
        CancellationToken ct)
    {
        var written = await connection.RunAsync(s => InTransaction(s, () => Succeed(s, taskRunId, token, output, inline, now)), ct);
        if (written is null) return null;
        if (written.Result.Held && telemetry is not null)
        {
            telemetry.AttemptEnded(written.Result.Pipeline, written.Task, taskRunId, "succeeded", null);
            foreach (var (task, attempt) in written.Started) telemetry.AttemptStarted(written.Result.Pipeline, task, attempt);
        }
        return written.Result;
    }

    private Written? Succeed(SqliteTransitionStatements s, Guid taskRunId, Guid token, string? output, InlineOffer? inline, DateTime now)
    {
        if (s.LockRunOfTask(taskRunId) is not { } run || run.Tasks.FirstOrDefault(t => t.Id == taskRunId) is not { } task) return null;
        if (task.State != TaskState.Running || task.JobToken != token) return new Written(new Committed(false, run.Pipeline, [], null), task.Task, []);

        var before = run.Tasks.Select(TaskColumns.Of).ToList();
        TaskAttempts.Succeeded(task, output, now);
        var outcome = RunAdvancer.Advance(run, now);
        if (outcome.RunFinished) return null;

        var toDispatch = outcome.Claimed.ToList();
        var started = new List<TaskAttemptRecord>();
        var next = inline is null ? null : beginning.TakeInline(started.Add, run, toDispatch, inline, now);

        s.EndAttempt(task.Id, task.Attempts, AttemptOutcome.Succeeded, now, null);
        for (var i = 0; i < run.Tasks.Count; i++)
            if (before[i] != TaskColumns.Of(run.Tasks[i])) s.UpdateTask(run.Tasks[i]);
        foreach (var attempt in started) s.InsertAttempt(attempt);

        var claimed = toDispatch.Select(t => TaskDispatcher.From(run, t)).ToList();
        var names = started.Select(a => (run.Tasks.First(t => t.Id == a.TaskRunId).Task, a)).ToList();
        return new Written(new Committed(true, run.Pipeline, claimed, next), task.Task, names);
    }

    /// <summary>Commits what <paramref name="work"/> wrote, or rolls it back when it returns null or throws.</summary>
    private static Written? InTransaction(SqliteTransitionStatements s, Func<Written?> work)
    {
        s.Begin();
        try
        {
            var written = work();
            if (written is null) s.Rollback();
            else s.Commit();
            return written;
        }
        catch
        {
            s.RollbackIfOpen();
            throw;
        }
    }

    /// <summary>The columns of a task a transition may change, to write back only the tasks it changed.</summary>
    private readonly record struct TaskColumns(TaskState State, int Attempts, string? HangfireJobId, Guid? JobToken, string? LeaseOwner,
        DateTime? LeaseExpiresAt, DateTime? QueuedAt, DateTime? ReadyAt, DateTime? StartedAt, DateTime? FinishedAt, string? Error,
        string? Output, double? Progress)
    {
        public static TaskColumns Of(TaskRunRecord t) => new(t.State, t.Attempts, t.HangfireJobId, t.JobToken, t.LeaseOwner,
            t.LeaseExpiresAt, t.QueuedAt, t.ReadyAt, t.StartedAt, t.FinishedAt, t.Error, t.Output, t.Progress);
    }
}
