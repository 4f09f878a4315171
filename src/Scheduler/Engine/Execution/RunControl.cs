using Hangfire;
using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>What a user may do to a run once it exists: cancel it, or resume it from its failed tasks.</summary>
public sealed class RunControl(
    IDbContextFactory<RunStoreContext> store,
    RunningTasks running,
    IBackgroundJobClient jobs,
    QueuedRunStarter starter,
    TimeProvider clock,
    ILogger<RunControl> logger)
{
    /// <summary>Pending tasks never start; running ones see their token fire. Returns false for an unknown run.</summary>
    public Task<bool> CancelAsync(Guid runId, CancellationToken ct) => CancelAsync(runId, null, ct);

    /// <summary>As above, recording who asked in the audit trail.</summary>
    public async Task<bool> CancelAsync(Guid runId, Actor? actor, CancellationToken ct)
    {
        var outcome = await store.InTransactionAsync(async db =>
        {
            if (!await db.LockRunAsync(runId, ct)) return null;
            var run = await db.Runs.Include(r => r.Tasks).SingleAsync(r => r.Id == runId, ct);
            if (run.State.IsTerminal())
                throw new RunConflictException($"Run {runId} has already ended ({run.State}); there is nothing to cancel.");

            var now = clock.GetUtcNow().UtcDateTime;
            run.State = RunState.Cancelled;
            run.FinishedAt = now;
            if (actor is not null) AuditTrail.Record(db, actor, "run.cancel", run.Pipeline, now, runId: run.Id, backfillId: run.BackfillId);
            var running = run.Tasks.Where(t => t.State == TaskState.Running).Select(t => t.Id).ToList();
            var jobIds = run.Tasks.Where(t => !t.State.IsTerminal() && t.HangfireJobId is not null).Select(t => t.HangfireJobId!).ToList();
            foreach (var task in run.Tasks.Where(t => StateSets.NotStartedTasks.Contains(t.State)))
            {
                task.State = TaskState.Cancelled;
                task.FinishedAt = now;
            }
            return new { run.Pipeline, Running = running, JobIds = jobIds };
        }, ct);

        if (outcome is null) return false;
        running.Cancel(outcome.Running);
        // Deleting the Hangfire jobs stops scheduled retries and fires the token of attempts running on other hosts.
        foreach (var jobId in outcome.JobIds)
        {
            try
            {
                jobs.Delete(jobId);
            }
            catch (Exception ex)
            {
                // The run is cancelled in the store either way: its tasks can no longer be claimed.
                logger.LogWarning(ex, "Could not delete Hangfire job {JobId} of cancelled run {RunId}", jobId, runId);
            }
        }
        await starter.StartQueuedRunsAsync(outcome.Pipeline, CancellationToken.None);
        return true;
    }

    /// <summary>Runs a failed or cancelled run's unfinished tasks again; what succeeded is kept. Returns false for an unknown run.</summary>
    public Task<bool> ResumeAsync(Guid runId, CancellationToken ct) => ResumeAsync(runId, null, ct);

    /// <summary>As above, recording who asked in the audit trail.</summary>
    public async Task<bool> ResumeAsync(Guid runId, Actor? actor, CancellationToken ct)
    {
        var pipeline = await store.InTransactionAsync(async db =>
        {
            if (!await db.LockRunAsync(runId, ct)) return null;
            var run = await db.Runs.Include(r => r.Tasks).SingleAsync(r => r.Id == runId, ct);
            if (run.State is not (RunState.Failed or RunState.Cancelled))
                throw new RunConflictException($"Run {runId} is {run.State}; only a failed or cancelled run can be resumed.");
            if (run.Tasks.Any(t => t.State == TaskState.Running))
                throw new RunConflictException($"Run {runId} still has a task stopping; try again in a moment.");

            run.State = RunState.Queued;
            run.FinishedAt = null;
            if (actor is not null) AuditTrail.Record(db, actor, "run.resume", run.Pipeline, clock.GetUtcNow().UtcDateTime, runId: run.Id, backfillId: run.BackfillId);
            foreach (var task in run.Tasks.Where(t => t.State is TaskState.Failed or TaskState.UpstreamFailed or TaskState.Cancelled))
            {
                task.State = TaskState.Pending;
                task.AttemptsBeforeResume = task.Attempts;
                task.Error = null;
                task.HangfireJobId = null;
                task.QueuedAt = null;
                task.StartedAt = null;
                task.FinishedAt = null;
                task.Progress = null;
            }
            return run.Pipeline;
        }, ct);

        if (pipeline is null) return false;
        await starter.StartQueuedRunsAsync(pipeline, CancellationToken.None);
        return true;
    }
}
