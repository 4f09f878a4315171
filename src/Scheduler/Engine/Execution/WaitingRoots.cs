using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// First tasks of started runs that have waited too long for a worker. Their jobs sit in the <c>-start</c> queue (see
/// <see cref="TaskQueues"/>), which a worker reaches only when its inline chain ends and no downstream job is waiting; under
/// load a few of a backfill's runs waited there for ten seconds and more while chains went through the runs after them.
/// </summary>
public sealed class WaitingRoots(AttemptBeginning beginning)
{
    /// <summary>
    /// Begins, under the offering job, the first task of a running run of <paramref name="pipeline"/> on the offer's queue
    /// that has waited for its job since before <paramref name="queuedBefore"/>, the one that has waited longest.
    /// </summary>
    public async Task<InlineAttempt?> TakeOldestAsync(RunStoreContext db, PipelineDefinition pipeline, InlineOffer offer,
        DateTime queuedBefore, DateTime now, CancellationToken ct)
    {
        if (await OldestAsync(db, pipeline, TaskQueues.TaskQueueOf(offer.Queue), queuedBefore, ct) is not [var taskRunId]
            || !await db.LockRunOfTaskAsync(taskRunId, ct))
            return null;

        var run = await db.RunOfTaskAsync(taskRunId, ct);
        var task = run.Tasks.Single(t => t.Id == taskRunId);
        // Read again under the run's lock: its own job may have begun it meanwhile, or the run been cancelled.
        if (run.State != RunState.Running || task.State != TaskState.Queued
            || pipeline.Tasks.FirstOrDefault(d => d.Name == task.Task) is not { } definition)
            return null;

        // A new token: the job still queued for it is refused by its token as well as by the task's state.
        task.JobToken = Guid.NewGuid();
        var start = beginning.Begin(db, run, task, pipeline, definition, offer.JobId, now);
        return new InlineAttempt(task.Id, task.JobToken.Value, $"{run.Pipeline}.{task.Task}", start, []);
    }

    /// <summary>
    /// The longest-waiting such task, with a job of its own (one queued without a job is kept by another job, which will run
    /// it). On PostgreSQL a run whose lock is taken is passed over: every worker ending a run at that moment would look at the
    /// same oldest task, and they queued behind each other on its run for tens of milliseconds each.
    /// </summary>
    private static Task<List<Guid>> OldestAsync(RunStoreContext db, PipelineDefinition pipeline, string queue, DateTime queuedBefore,
        CancellationToken ct)
    {
        const string sql = """
            SELECT t.id AS "Value" FROM task_runs AS t INNER JOIN pipeline_runs AS r ON r.id = t.run_id
            WHERE t.state = {0} AND t.queued_at < {1} AND t.upstream = '' AND t.queue = {2} AND t.hangfire_job_id IS NOT NULL
              AND r.pipeline = {3} AND r.state = {4}
            ORDER BY t.queued_at
            LIMIT 1
            """;
        var query = FormattableStringFactory.Create(db.Database.IsNpgsql() ? sql + " FOR UPDATE OF r SKIP LOCKED" : sql,
            nameof(TaskState.Queued), queuedBefore, queue, pipeline.Name, nameof(RunState.Running));
        return db.Database.SqlQuery<Guid>(query).ToListAsync(ct);
    }
}
