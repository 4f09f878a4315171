using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Leases;

/// <summary>
/// Enqueues the retries of lost attempts once their backoff has passed. They wait in the run store, not as Hangfire
/// scheduled jobs: Hangfire moves scheduled jobs to their queue under a lock that a host killed while holding it leaves
/// behind for Engine:DistributedLockTimeout, and that host's death is exactly when these retries are due (bench/chaos.sh
/// met a round whose seven lost tasks all waited the full minute for it).
/// </summary>
public sealed class DueRetryDispatcher(IDbContextFactory<RunStoreContext> store, TaskDispatcher dispatcher, TimeProvider clock)
{
    private const int Batch = 500;

    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await store.CreateDbContextAsync(ct);
        var due = await db.TaskRuns.AsNoTracking()
            .Where(t => t.State == TaskState.UpForRetry && t.HangfireJobId == null && t.ReadyAt <= now && t.JobToken != null
                        && t.Run!.State == RunState.Running)
            .Select(t => new { t.Id, t.Run!.Pipeline, t.Task, t.Queue, t.Upstream, t.JobToken })
            .Take(Batch).ToListAsync(ct);
        if (due.Count == 0) return 0;
        await dispatcher.DispatchAsync(due.Select(t => new TaskDispatcher.Claimed(
            t.Id, t.Pipeline + "." + t.Task, TaskQueues.For(t.Queue, t.Upstream), t.JobToken!.Value)).ToList(), ct);
        return due.Count;
    }
}
