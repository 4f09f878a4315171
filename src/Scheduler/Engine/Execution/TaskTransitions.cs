using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// The state changes of one task attempt: claim, success, failure, cancellation. Each is one
/// transaction under the run's lock; what must happen after it commits (enqueue downstream tasks,
/// start queued runs) happens here too, after the commit. Every change after the claim is accepted only
/// from the job holding the task's current token, so a stale copy of a lost attempt changes nothing.
/// </summary>
public sealed class TaskTransitions(
    IDbContextFactory<RunStoreContext> store,
    PipelineCatalog catalog,
    TaskDispatcher dispatcher,
    QueuedRunStarter starter,
    AttemptBeginning beginning,
    RunHandover handover,
    TimeProvider clock,
    SqliteSuccess? handWritten = null)
{
    /// <summary>Claims the task for this job; null when there is nothing to run (done, cancelled, or the job's token is stale).</summary>
    public async Task<AttemptStart?> StartAttemptAsync(Guid taskRunId, Guid token, string jobId, CancellationToken ct)
    {
        var (start, finished, pipelineName) = await store.InTransactionAsync(async db =>
        {
            if (!await db.LockRunOfTaskAsync(taskRunId, ct)) return ((AttemptStart?)null, false, (string?)null);
            var run = await LoadAsync(db, taskRunId, ct);
            var task = run.Tasks.Single(t => t.Id == taskRunId);
            // Only the job holding the current token, and never beside a running attempt: a duplicate or stale job
            // can neither skip a retry's backoff nor run the task twice.
            var mayStart = task.State is TaskState.Queued or TaskState.UpForRetry && task.JobToken == token;
            if (run.State != RunState.Running || !mayStart) return ((AttemptStart?)null, false, run.Pipeline);

            var now = Now;
            var pipeline = catalog.Find(run.Pipeline);
            var definition = pipeline?.Tasks.FirstOrDefault(t => t.Name == task.Task);
            if (pipeline is null || definition is null)
            {
                task.State = TaskState.Failed;
                task.Error = $"Task '{task.Task}' is no longer defined in pipeline '{run.Pipeline}'.";
                task.FinishedAt = now;
                return ((AttemptStart?)null, RunAdvancer.Advance(run, now).RunFinished, run.Pipeline);
            }

            return (beginning.Begin(db, run, task, pipeline, definition, jobId, now), false, run.Pipeline);
        }, ct);

        if (pipelineName is not null) await AfterCommitAsync([], finished, pipelineName, null, ct);
        return start;
    }

    /// <summary>
    /// Records a successful attempt. With <paramref name="inline"/>, one downstream task made ready by it on the same
    /// task queue is not given a job of its own: its attempt begins in this same transaction, under the job that
    /// ran this one, and is returned for the caller to run next (the others get jobs as usual). When the attempt ended
    /// its run, the offer goes to the first task of a queued run that starts in its place.
    /// </summary>
    public async Task<InlineAttempt?> SucceedAsync(Guid taskRunId, Guid token, string? output, InlineOffer? inline, CancellationToken ct)
    {
        // The embedded store's hand-written path (it leaves to this one only run ends that notify).
        if (handWritten is not null && await handWritten.TrySucceedAsync(taskRunId, token, output, inline, Now, ct) is { } done)
        {
            var started = await AfterCommitAsync(done.Claimed, done.RunFinished, done.Pipeline, done.Next is null ? inline : null, ct);
            return done.Next ?? started;
        }

        var (claimed, next, finished, pipeline) = await store.InTransactionAsync(async db =>
        {
            await db.LockRunOfTaskAsync(taskRunId, ct);
            var run = await LoadAsync(db, taskRunId, ct);
            var task = run.Tasks.Single(t => t.Id == taskRunId);
            if (!HoldsAttempt(task, token)) return (new List<TaskDispatcher.Claimed>(), (InlineAttempt?)null, false, run.Pipeline);

            var now = Now;
            TaskAttempts.Succeed(db, task, output, now);
            var outcome = RunAdvancer.Advance(run, now);
            var toDispatch = outcome.Claimed.ToList();
            var next = inline is null ? null : beginning.TakeInline(db, run, toDispatch, inline, now);
            var claimed = toDispatch.Select(t => TaskDispatcher.From(run, t)).ToList();
            if (!outcome.RunFinished || next is not null || inline is null) return (claimed, next, outcome.RunFinished, run.Pipeline);

            if (await handover.HandOverAsync(db, run, inline, now, ct) is not { } successor) return (claimed, null, true, run.Pipeline);
            // The run's place is filled here: no pass after the commit.
            claimed.AddRange(successor.Claimed);
            return (claimed, successor.Inline, false, run.Pipeline);
        }, ct);

        // When the run is over, so is this job's work in it: it may begin the first task of a run that the end lets start.
        var nextRun = await AfterCommitAsync(claimed, finished, pipeline, next is null ? inline : null, ct);
        return next ?? nextRun;
    }

    /// <summary>
    /// Records a failed attempt; returns the wait before the next one, or null when the task has failed for good. With
    /// <paramref name="retryInJobOfItsOwn"/> (the attempt ran inline in another task's job) the retry is given a new job here.
    /// </summary>
    public async Task<TimeSpan?> FailAsync(Guid taskRunId, Guid token, string error, bool retryable, bool timedOut,
        bool retryInJobOfItsOwn, CancellationToken ct)
    {
        var (retryIn, retryJob, finished, pipeline) = await store.InTransactionAsync(async db =>
        {
            await db.LockRunOfTaskAsync(taskRunId, ct);
            var run = await LoadAsync(db, taskRunId, ct);
            var task = run.Tasks.Single(t => t.Id == taskRunId);
            if (!HoldsAttempt(task, token)) return ((TimeSpan?)null, (TaskDispatcher.Claimed?)null, false, run.Pipeline);

            var now = Now;
            TaskAttempts.End(db, task, timedOut ? AttemptOutcome.TimedOut : AttemptOutcome.Failed, error, now);
            task.Error = error;
            var definition = catalog.Find(run.Pipeline)?.Tasks.FirstOrDefault(t => t.Name == task.Task);
            if (retryable && TaskAttempts.RetryDelay(run, task, definition) is { } delay)
            {
                task.State = TaskState.UpForRetry;
                task.ReadyAt = now + delay;
                if (!retryInJobOfItsOwn) return (delay, (TaskDispatcher.Claimed?)null, false, run.Pipeline);
                // Ran inline in another task's job, whose retry would run that task: the retry gets a job of its own.
                task.HangfireJobId = null;
                return (delay, TaskDispatcher.From(run, task, delay), false, run.Pipeline);
            }

            task.State = TaskState.Failed;
            task.FinishedAt = now;
            var outcome = RunAdvancer.Advance(run, now);
            return ((TimeSpan?)null, (TaskDispatcher.Claimed?)null, outcome.RunFinished, run.Pipeline);
        }, ct);

        await AfterCommitAsync(retryJob is null ? [] : [retryJob], finished, pipeline, null, ct);
        return retryIn;
    }

    /// <summary>Ends an attempt that stopped because its run was cancelled.</summary>
    public async Task CancelAttemptAsync(Guid taskRunId, Guid token, CancellationToken ct)
    {
        await store.InTransactionAsync(async db =>
        {
            await db.LockRunOfTaskAsync(taskRunId, ct);
            var task = await db.TaskRuns.SingleAsync(t => t.Id == taskRunId, ct);
            if (HoldsAttempt(task, token))
            {
                var now = Now;
                TaskAttempts.End(db, task, AttemptOutcome.Cancelled, "The run was cancelled.", now);
                task.State = TaskState.Cancelled;
                task.Error = "Cancelled while running.";
                task.FinishedAt = now;
            }
            return true;
        }, ct);
    }

    /// <summary>A task whose Hangfire job was deleted before its attempt ran fails for good; its downstream tasks follow.</summary>
    public async Task JobDeletedAsync(Guid taskRunId, string jobId, CancellationToken ct)
    {
        var (finished, pipeline) = await store.InTransactionAsync(async db =>
        {
            if (!await db.LockRunOfTaskAsync(taskRunId, ct)) return (false, (string?)null);
            var run = await LoadAsync(db, taskRunId, ct);
            var task = run.Tasks.Single(t => t.Id == taskRunId);
            if (task.State is not (TaskState.Queued or TaskState.UpForRetry) || task.HangfireJobId != jobId)
                return (false, (string?)run.Pipeline);

            task.State = TaskState.Failed;
            task.Error = "Its Hangfire job was deleted before the attempt ran.";
            task.FinishedAt = Now;
            return (RunAdvancer.Advance(run, Now).RunFinished, run.Pipeline);
        }, ct);
        if (pipeline is not null) await AfterCommitAsync([], finished, pipeline, null, ct);
    }

    /// <summary>Gives a Hangfire job to each of these tasks that a job kept for itself and did not run (still queued without a job).</summary>
    public Task ReleaseHeldAsync(IReadOnlyCollection<Guid> held, CancellationToken ct) =>
        dispatcher.DispatchJoblessAsync(t => held.Contains(t.Id) && t.State == TaskState.Queued, ct);

    public async Task<bool> IsRunCancelledAsync(Guid taskRunId, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await db.TaskRuns.Where(t => t.Id == taskRunId).Select(t => t.Run!.State).SingleAsync(ct) == RunState.Cancelled;
    }

    private static bool HoldsAttempt(TaskRunRecord task, Guid token) => task.State == TaskState.Running && task.JobToken == token;

    /// <summary>Hands the tasks a committed transition made ready to Hangfire, and starts queued runs when it ended a run
    /// (one first task of which may go to <paramref name="offer"/>, and is returned).</summary>
    private async Task<InlineAttempt?> AfterCommitAsync(IReadOnlyCollection<TaskDispatcher.Claimed> claimed, bool runFinished, string pipeline,
        InlineOffer? offer, CancellationToken ct)
    {
        // Downstream work must not be lost to a cancelled token once the transition has committed.
        await dispatcher.DispatchAsync(claimed, CancellationToken.None);
        return runFinished ? await starter.StartQueuedRunsAsync(pipeline, offer, CancellationToken.None) : null;
    }

    /// <summary>The task's run with all its tasks, read after the lock so that it sees every earlier commit.</summary>
    private static Task<PipelineRunRecord> LoadAsync(RunStoreContext db, Guid taskRunId, CancellationToken ct) =>
        db.RunOfTaskAsync(taskRunId, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
