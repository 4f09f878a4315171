using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// In embedded mode Hangfire keeps its jobs in memory, so a restart forgets the jobs of unfinished runs
/// while the run store (SQLite) remembers them. At start-up their tasks are queued again; an attempt
/// that was running when the host stopped counts as interrupted and runs again.
/// </summary>
public sealed class EmbeddedRecovery(
    IDbContextFactory<RunStoreContext> store,
    PipelineCatalog catalog,
    TaskDispatcher dispatcher,
    QueuedRunStarter starter,
    TimeProvider clock,
    ILogger<EmbeddedRecovery> logger)
{
    public async Task RecoverAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await store.InTransactionAsync(async db =>
        {
            var tasks = await db.TaskRuns.Include(t => t.Run)
                .Where(t => t.Run!.State == RunState.Running
                            && (t.State == TaskState.Queued || t.State == TaskState.Running || t.State == TaskState.UpForRetry))
                .ToListAsync(ct);
            foreach (var task in tasks)
            {
                task.State = TaskState.Queued;
                task.HangfireJobId = null;
                task.QueuedAt = now;
            }
            return tasks.Select(t => TaskDispatcher.From(t.Run!, t)).ToList();
        }, ct);

        if (claimed.Count > 0)
            logger.LogWarning("Re-queued {Count} task(s) of runs that were unfinished when the host last stopped", claimed.Count);
        await dispatcher.DispatchAsync(claimed, ct);
        foreach (var pipeline in catalog.All)
            await starter.StartQueuedRunsAsync(pipeline.Name, ct);
    }
}
