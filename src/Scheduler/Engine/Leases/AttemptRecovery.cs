using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Leases;

/// <summary>
/// Gives a task back to the pool when the attempt or job that held it can no longer finish it: an attempt whose
/// host stopped renewing its lease (lost, counted like a failed attempt and retried by the task's policy), an
/// attempt its host hands back as it stops cleanly (not counted), and a queued task whose Hangfire job is stuck
/// with a dead host. Each draws a new job token, so the stale job can never run the task again, and deletes the
/// stale job with the reason, so Hangfire's pages say what happened to it.
/// </summary>
public sealed class AttemptRecovery(
    IDbContextFactory<RunStoreContext> store,
    PipelineCatalog catalog,
    TaskDispatcher dispatcher,
    QueuedRunStarter starter,
    IBackgroundJobClient jobs,
    StorageRetry retry,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    ILogger<AttemptRecovery> logger)
{
    private sealed record Change(TaskDispatcher.Claimed? Requeued, bool RunFinished, string Pipeline, string? StaleJobId, string Reason);

    /// <summary>
    /// Ends the task's running attempt as lost when its lease has expired, or at once when its host is known to be
    /// gone (<paramref name="hostGone"/> says how we know); false when there was nothing to do (renewed or ended meanwhile).
    /// With <paramref name="jobsDiedWithHost"/> (embedded mode: Hangfire's jobs lived in the dead process's memory) the
    /// stale job is not deleted: its id means nothing now, and may even name a live job of this process.
    /// </summary>
    public async Task<bool> LoseAsync(Guid taskRunId, string? hostGone, bool jobsDiedWithHost, CancellationToken ct)
    {
        var change = await store.InTransactionAsync(async db =>
        {
            if (!await db.LockRunOfTaskAsync(taskRunId, ct)) return null;
            var run = await db.RunOfTaskAsync(taskRunId, ct);
            var task = run.Tasks.Single(t => t.Id == taskRunId);
            var now = Now;
            if (task.State != TaskState.Running || (hostGone is null && task.LeaseExpiresAt is { } expires && expires > now)) return null;

            var host = task.LeaseOwner ?? "a host from before leases";
            var reason = hostGone is null && task.LeaseExpiresAt is { } expiredAt
                ? $"Attempt {task.Attempts} lost: host {host} stopped renewing its lease, which expired at {expiredAt:yyyy-MM-dd HH:mm:ss}Z; found at {now:HH:mm:ss}Z."
                : $"Attempt {task.Attempts} lost: host {host} {hostGone ?? "is gone"}; found at {now:yyyy-MM-dd HH:mm:ss}Z.";
            var staleJob = jobsDiedWithHost ? null : task.HangfireJobId;
            TaskAttempts.End(db, task, AttemptOutcome.Lost, reason, now);
            AddLogLine(db, task, "Error", reason, now);
            task.Error = reason;

            if (run.State != RunState.Running)
            {
                // Its run was cancelled while the host was away: nothing to retry, and nothing may stay Running.
                task.State = TaskState.Cancelled;
                task.FinishedAt = now;
                return new Change(null, false, run.Pipeline, staleJob, reason);
            }
            var definition = catalog.Find(run.Pipeline)?.Tasks.FirstOrDefault(t => t.Name == task.Task);
            var lostBefore = await db.TaskAttempts.CountAsync(a => a.TaskRunId == task.Id && a.Outcome == AttemptOutcome.Lost
                                                                   && a.Number > task.AttemptsBeforeResume, ct);
            var delay = TaskAttempts.RetryDelay(run, task, definition);
            if (delay is null && definition is not null && lostBefore < options.Value.RetriesAfterLostAttempts)
                delay = definition.Retry.DelayAfter(Math.Max(1, task.AttemptInRound));
            if (delay is { } wait)
            {
                Requeue(task, TaskState.UpForRetry, now + wait);
                return new Change(TaskDispatcher.From(run, task, wait), false, run.Pipeline, staleJob, reason);
            }

            task.State = TaskState.Failed;
            task.FinishedAt = now;
            return new Change(null, RunAdvancer.Advance(run, now).RunFinished, run.Pipeline, staleJob, reason);
        }, ct);

        if (change is null) return false;
        logger.LogWarning("Task run {TaskRunId}: {Reason}", taskRunId, change.Reason);
        await AfterCommitAsync(change);
        return true;
    }

    /// <summary>Queues the task again for another host, without counting the attempt: this host is stopping.</summary>
    public async Task<bool> HandBackAsync(Guid taskRunId, Guid token, string host, CancellationToken ct)
    {
        var change = await store.InTransactionAsync(async db =>
        {
            if (!await db.LockRunOfTaskAsync(taskRunId, ct)) return null;
            var run = await db.RunOfTaskAsync(taskRunId, ct);
            var task = run.Tasks.Single(t => t.Id == taskRunId);
            if (task.State != TaskState.Running || task.JobToken != token) return null;

            var now = Now;
            var reason = $"Attempt {task.Attempts} handed back: host {host} is stopping; the task is queued again and this attempt does not count.";
            var staleJob = task.HangfireJobId;
            TaskAttempts.End(db, task, AttemptOutcome.HandedBack, reason, now);
            AddLogLine(db, task, "Warning", reason, now);
            task.AttemptsBeforeResume++;
            Requeue(task, TaskState.Queued, now);
            return new Change(TaskDispatcher.From(run, task), false, run.Pipeline, staleJob, reason);
        }, ct);

        if (change is null) return false;
        await AfterCommitAsync(change);
        return true;
    }

    /// <summary>Gives a waiting task a new job when the job it has can no longer run it (stuck with a dead host, or gone).</summary>
    public async Task<bool> RequeueAsync(Guid taskRunId, string staleJobId, string why, CancellationToken ct)
    {
        var change = await store.InTransactionAsync(async db =>
        {
            if (!await db.LockRunOfTaskAsync(taskRunId, ct)) return null;
            var run = await db.RunOfTaskAsync(taskRunId, ct);
            var task = run.Tasks.Single(t => t.Id == taskRunId);
            if (run.State != RunState.Running || task.State is not (TaskState.Queued or TaskState.UpForRetry) || task.HangfireJobId != staleJobId)
                return null;

            var reason = $"Queued again: its Hangfire job {staleJobId} {why}.";
            AddLogLine(db, task, "Warning", reason, Now);
            Requeue(task, task.State, Now);
            return new Change(TaskDispatcher.From(run, task), false, run.Pipeline, staleJobId, reason);
        }, ct);

        if (change is null) return false;
        logger.LogWarning("Task run {TaskRunId}: {Reason}", taskRunId, change.Reason);
        await AfterCommitAsync(change);
        return true;
    }

    private static void Requeue(TaskRunRecord task, TaskState state, DateTime readyAt)
    {
        task.State = state;
        task.ReadyAt = readyAt;
        task.HangfireJobId = null;
        task.JobToken = Guid.NewGuid();
    }

    private static void AddLogLine(RunStoreContext db, TaskRunRecord task, string level, string message, DateTime now) =>
        db.TaskLogs.Add(new TaskLogRecord { TaskRunId = task.Id, Attempt = task.Attempts, Timestamp = now, Level = level, Message = message });

    private async Task AfterCommitAsync(Change change)
    {
        if (change.Requeued is { } requeued) await dispatcher.DispatchAsync([requeued], CancellationToken.None);
        if (change.StaleJobId is { } stale)
        {
            // Deleted, not left to come back: Hangfire's pages show why, and its worker drops the job if it surfaces. Not
            // awaited: a dead host may have left the job's lock behind, and waiting it out must not hold up other recoveries.
            _ = Task.Run(async () =>
            {
                try
                {
                    await retry.RunAsync(() => jobs.ChangeState(stale, new DeletedState { Reason = change.Reason }, null), CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Harmless to leave: its token is stale, so it can no longer claim the task.
                    logger.LogWarning(ex, "Could not delete the stale Hangfire job {JobId}", stale);
                }
            });
        }
        if (change.RunFinished) await starter.StartQueuedRunsAsync(change.Pipeline, CancellationToken.None);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
