using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Leases;

/// <summary>
/// Enqueues retries that are due and have no Hangfire job: their job could not be created when the attempt ended (the
/// storage unreachable), so nothing else would ever run them. A retry whose scheduled job is stuck in Hangfire's schedule
/// is the <see cref="StrandedJobReaper"/>'s.
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
