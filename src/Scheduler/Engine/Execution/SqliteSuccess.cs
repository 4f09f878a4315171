using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Notifications;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Telemetry;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// A successful attempt on the embedded run store, without EF: the same transition as <see cref="TaskTransitions.SucceedAsync"/>
/// (the token check, <see cref="RunAdvancer"/>, the inline offer, the run's end and its hand-over to the next run of its backfill)
/// on records read and written by hand through prepared statements (<see cref="SqliteTransitionStatements"/>). Under SQLite's one
/// write lock, EF's load, change tracking and save were most of a transition's hold (bench/notes.md).
/// What the run store's SaveChanges interceptors do on this path is done here: the telemetry's counts, once it commits. A run end
/// whose pipeline wants a notification for it is left to the EF path (this one rolls back), which writes the outbox rows.
/// </summary>
public sealed class SqliteSuccess(SqliteTransitionConnection connection, AttemptBeginning beginning, RunStarting starting,
    PipelineCatalog catalog, NotificationPolicies? notifications = null, RunStoreTelemetryInterceptor? telemetry = null)
{
    /// <summary>
    /// What committed: the tasks to hand to Hangfire, the attempt begun inline, and whether the run ended with no run started in
    /// its place (the caller starts queued runs then, as after the EF path). Held is false when the token was stale.
    /// </summary>
    public sealed record Committed(bool Held, string Pipeline, IReadOnlyList<TaskDispatcher.Claimed> Claimed, InlineAttempt? Next,
        bool RunFinished);

    private sealed record Written(Committed Result, string Task, SqliteRowChanges? Changes);

    /// <summary>Records the success; null when nothing was written and the EF path must do it (see above).</summary>
    public async Task<Committed?> TrySucceedAsync(Guid taskRunId, Guid token, string? output, InlineOffer? inline, DateTime now,
        CancellationToken ct)
    {
        var written = await connection.RunAsync(s => InTransaction(s, () => Succeed(s, taskRunId, token, output, inline, now)), ct);
        if (written is null) return null;
        if (written.Changes is { } changes && telemetry is not null) Count(taskRunId, written, changes, telemetry);
        return written.Result;
    }

    private Written? Succeed(SqliteTransitionStatements s, Guid taskRunId, Guid token, string? output, InlineOffer? inline, DateTime now)
    {
        if (s.LockRunOfTask(taskRunId) is not { } run || run.Tasks.FirstOrDefault(t => t.Id == taskRunId) is not { } task) return null;
        if (task.State != TaskState.Running || task.JobToken != token)
            return new Written(new Committed(false, run.Pipeline, [], null, false), task.Task, null);

        var changes = new SqliteRowChanges();
        changes.Track(run);
        TaskAttempts.Succeeded(task, output, now);
        s.EndAttempt(task.Id, task.Attempts, AttemptOutcome.Succeeded, now, null);
        var outcome = RunAdvancer.Advance(run, now);
        var toDispatch = outcome.Claimed.ToList();
        if (outcome.RunFinished && WantsNotification(run)) return null;

        var next = inline is null || outcome.RunFinished ? null : beginning.TakeInline(changes.Started.Add, run, toDispatch, inline, now);
        changes.Write(s);
        var claimed = toDispatch.Select(t => TaskDispatcher.From(run, t)).ToList();
        if (!outcome.RunFinished || inline is null)
            return new Written(new Committed(true, run.Pipeline, claimed, next, outcome.RunFinished), task.Task, changes);

        // The run's place goes to the next run of its backfill, in this transaction (as RunHandover does on EF).
        var (successor, leaveToEf) = HandOver(s, changes, run, inline, now);
        if (leaveToEf) return null;
        if (successor is null) return new Written(new Committed(true, run.Pipeline, claimed, null, true), task.Task, changes);
        claimed.AddRange(successor.Claimed);
        return new Written(new Committed(true, run.Pipeline, claimed, successor.Inline, false), task.Task, changes);
    }

    /// <summary>
    /// Starts the next run of <paramref name="ended"/>'s backfill in its place; no run when the usual pass must fill it. LeaveToEf
    /// when the started run ended at once (no tasks) with a notification wanted: the EF path writes that.
    /// </summary>
    private (RunStarting.Started? Started, bool LeaveToEf) HandOver(SqliteTransitionStatements s, SqliteRowChanges changes,
        PipelineRunRecord ended, InlineOffer offer, DateTime now)
    {
        if (ended.BackfillId is not { } backfill || catalog.Find(ended.Pipeline) is not { } pipeline) return (null, false);
        // The ended run is written by now: the query's count of running runs must see it ended.
        if (s.NextOfBackfill(pipeline.Name, backfill, pipeline.MaxConcurrentRuns) is not { } nextId || s.LockQueuedRun(nextId) is not { } next)
            return (null, false);
        changes.Track(next);
        var started = starting.Start(next, offer, now, changes.Started.Add);
        if (next.State.IsTerminal() && WantsNotification(next)) return (null, true);
        changes.Write(s);
        return (started, false);
    }

    private bool WantsNotification(PipelineRunRecord run) =>
        notifications is not null && notifications.For(run.Pipeline).Wants(run.State == RunState.Failed ? NotificationEvents.RunFailed : NotificationEvents.Recovered);

    private static void Count(Guid taskRunId, Written written, SqliteRowChanges changes, RunStoreTelemetryInterceptor telemetry)
    {
        telemetry.AttemptEnded(written.Result.Pipeline, written.Task, taskRunId, "succeeded", null);
        foreach (var (task, attempt, pipeline) in changes.Begun) telemetry.AttemptStarted(pipeline, task, attempt);
        foreach (var (run, before) in changes.RunStates) telemetry.RunMoved(run, before);
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
}
