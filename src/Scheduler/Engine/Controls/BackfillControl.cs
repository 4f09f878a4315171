using Hangfire;
using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>
/// What an operator may do to a backfill as a whole: cancel it, or retry its failed runs. Each is one set-based
/// transaction, whatever the number of runs (a 10-year backfill has 3,660), so the store part takes the same few
/// statements for ten runs or ten thousand; the Hangfire jobs of its running tasks are deleted after the commit.
/// </summary>
public sealed class BackfillControl(
    IDbContextFactory<RunStoreContext> store,
    RunningTasks running,
    IBackgroundJobClient jobs,
    QueuedRunStarter starter,
    TimeProvider clock,
    ILogger<BackfillControl> logger)
{
    /// <summary>Hangfire jobs deleted at once after a cancel: a cancel of many runs must not hold the job storage alone.</summary>
    private const int DeletionsAtOnce = 4;

    public sealed record CancelOutcome(int CancelledRuns, int StoppingTasks);

    public sealed record RetryOutcome(int RetriedRuns, int StillStopping);

    /// <summary>
    /// Every run not yet started is cancelled and its tasks never start; running runs are cancelled too and their running
    /// tasks see their token fire. Null for an unknown backfill.
    /// </summary>
    public async Task<CancelOutcome?> CancelAsync(Guid backfillId, Actor actor, CancellationToken ct)
    {
        // Whole milliseconds: the mark finds this cancel's runs again below, and both stores keep milliseconds exactly.
        var now = TruncateToMilliseconds(clock.GetUtcNow().UtcDateTime);
        var outcome = await store.InTransactionAsync(async db =>
        {
            var backfill = await db.Backfills.SingleOrDefaultAsync(b => b.Id == backfillId, ct);
            if (backfill is null) return null;

            // The pipeline's lock first, as QueuedRunStarter takes it before the runs it starts: the two lock many runs
            // each, and taking them in the same order is what keeps them from deadlocking.
            await db.LockPipelineAsync(backfill.Pipeline, ct);

            // Running runs: updating their rows takes each run's lock (see RunLocks), so a task finishing meanwhile
            // waits for this commit and then sees its run cancelled, exactly as with RunControl.CancelAsync. There are
            // at most the pipeline's limit of them, so their tasks are updated one by one as RunControl does.
            var running = await Cancel(db, backfillId, RunState.Running, now, ct);
            var thisCancel = db.Runs.Where(r => r.BackfillId == backfillId && r.State == RunState.Cancelled && r.FinishedAt == now).Select(r => r.Id);
            var live = await db.TaskRuns.AsNoTracking()
                .Where(t => thisCancel.Contains(t.RunId) && (t.State == TaskState.Running || t.State == TaskState.Queued || t.State == TaskState.UpForRetry))
                .Select(t => new { t.Id, t.State, t.HangfireJobId })
                .ToListAsync(ct);
            await db.TaskRuns
                .Where(t => thisCancel.Contains(t.RunId) && (t.State == TaskState.Pending || t.State == TaskState.Queued || t.State == TaskState.UpForRetry))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TaskState.Cancelled).SetProperty(t => t.FinishedAt, now), ct);

            // Queued runs, all of them in one statement: their tasks have never started and stay pending (a retry
            // queues them as they are), which keeps this one statement however many runs the backfill has.
            var queued = await Cancel(db, backfillId, RunState.Queued, now, ct);
            var cancelled = running + queued;
            if (cancelled == 0)
                throw new RunConflictException($"Backfill {backfillId} has no queued or running run left; there is nothing to cancel.");

            backfill.CancelledAt = now;
            var stopping = live.Count(t => t.State == TaskState.Running);
            AuditTrail.Record(db, actor, "backfill.cancel", backfill.Pipeline, now, backfillId: backfillId,
                details: $"Cancelled {cancelled} run(s); {stopping} running task(s) asked to stop.");
            return new
            {
                backfill.Pipeline,
                Outcome = new CancelOutcome(cancelled, stopping),
                Running = live.Where(t => t.State == TaskState.Running).Select(t => t.Id).ToList(),
                JobIds = live.Where(t => t.HangfireJobId is not null).Select(t => t.HangfireJobId!).ToList(),
            };
        }, ct);

        if (outcome is null) return null;
        running.Cancel(outcome.Running);
        await DeleteJobsAsync(outcome.JobIds, backfillId);
        await starter.StartQueuedRunsAsync(outcome.Pipeline, CancellationToken.None);
        return outcome.Outcome;
    }

    /// <summary>
    /// Queues every failed or cancelled run of the backfill again, to run its failed, upstream-failed and cancelled tasks;
    /// what succeeded is kept (as RunControl.ResumeAsync does for one run). Null for an unknown backfill.
    /// </summary>
    public async Task<RetryOutcome?> RetryFailedAsync(Guid backfillId, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = await store.InTransactionAsync(async db =>
        {
            var backfill = await db.Backfills.SingleOrDefaultAsync(b => b.Id == backfillId, ct);
            if (backfill is null) return null;
            await db.LockPipelineAsync(backfill.Pipeline, ct); // before the runs, as everywhere (see CancelAsync)

            var ended = db.Runs.Where(r => r.BackfillId == backfillId && (r.State == RunState.Failed || r.State == RunState.Cancelled));
            // A cancelled run whose task has not yet stopped waits for it: it could otherwise run twice at once.
            var stopping = await ended.CountAsync(r => db.TaskRuns.Any(t => t.RunId == r.Id && t.State == TaskState.Running), ct);
            var retried = await ended
                .Where(r => !db.TaskRuns.Any(t => t.RunId == r.Id && t.State == TaskState.Running))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.State, RunState.Queued)
                    .SetProperty(r => r.FinishedAt, (DateTime?)null)
                    .SetProperty(r => r.Version, r => r.Version + 1), ct);
            if (retried == 0 && stopping == 0)
                throw new RunConflictException($"Backfill {backfillId} has no failed or cancelled run to retry.");

            // A queued run's tasks are pending or succeeded, so the ended tasks of queued runs are exactly those of the runs just retried.
            var queuedRuns = db.Runs.Where(r => r.BackfillId == backfillId && r.State == RunState.Queued).Select(r => r.Id);
            await db.TaskRuns
                .Where(t => queuedRuns.Contains(t.RunId)
                            && (t.State == TaskState.Failed || t.State == TaskState.UpstreamFailed || t.State == TaskState.Cancelled))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.State, TaskState.Pending)
                    .SetProperty(t => t.AttemptsBeforeResume, t => t.Attempts)
                    .SetProperty(t => t.Error, (string?)null)
                    .SetProperty(t => t.HangfireJobId, (string?)null)
                    .SetProperty(t => t.JobToken, (Guid?)null)
                    .SetProperty(t => t.QueuedAt, (DateTime?)null)
                    .SetProperty(t => t.ReadyAt, (DateTime?)null)
                    .SetProperty(t => t.StartedAt, (DateTime?)null)
                    .SetProperty(t => t.FinishedAt, (DateTime?)null)
                    .SetProperty(t => t.Progress, (double?)null), ct);

            backfill.CancelledAt = null;
            AuditTrail.Record(db, actor, "backfill.retry-failed", backfill.Pipeline, now, backfillId: backfillId,
                details: $"Queued {retried} failed or cancelled run(s) again" + (stopping > 0 ? $"; {stopping} still stopping, not retried." : "."));
            return new { backfill.Pipeline, Outcome = new RetryOutcome(retried, stopping) };
        }, ct);

        if (outcome is null) return null;
        await starter.StartQueuedRunsAsync(outcome.Pipeline, CancellationToken.None);
        return outcome.Outcome;
    }

    private static Task<int> Cancel(RunStoreContext db, Guid backfillId, RunState state, DateTime now, CancellationToken ct) =>
        db.Runs.Where(r => r.BackfillId == backfillId && r.State == state)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, RunState.Cancelled)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Version, r => r.Version + 1), ct);

    private async Task DeleteJobsAsync(IReadOnlyList<string> jobIds, Guid backfillId)
    {
        // Deleting stops scheduled retries and fires the token of attempts running on other hosts. The store is already
        // cancelled, so a job left behind can no longer claim its task.
        await Parallel.ForEachAsync(jobIds, new ParallelOptions { MaxDegreeOfParallelism = DeletionsAtOnce }, (jobId, _) =>
        {
            try
            {
                jobs.Delete(jobId);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not delete Hangfire job {JobId} of cancelled backfill {BackfillId}", jobId, backfillId);
            }
            return ValueTask.CompletedTask;
        });
    }

    private static DateTime TruncateToMilliseconds(DateTime time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, time.Kind);
}
