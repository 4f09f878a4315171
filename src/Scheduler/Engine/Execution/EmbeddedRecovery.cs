using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Leases;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// In embedded mode Hangfire keeps its jobs in memory, so a restart forgets the jobs of unfinished runs
/// while the run store (SQLite) remembers them. At start-up, before any worker runs: an attempt that was
/// running belonged to the previous process (only one process opens the store), so it is lost at once and
/// retried by its task's policy, without waiting for its lease; waiting tasks get new jobs.
/// </summary>
public sealed class EmbeddedRecovery(
    IDbContextFactory<RunStoreContext> store,
    PipelineCatalog catalog,
    TaskDispatcher dispatcher,
    QueuedRunStarter starter,
    AttemptRecovery recovery,
    TimeProvider clock,
    ILogger<EmbeddedRecovery> logger)
{
    public async Task RecoverAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await store.InTransactionAsync(async db =>
        {
            var tasks = await db.TaskRuns.Include(t => t.Run)
                .Where(t => t.Run!.State == RunState.Running && (t.State == TaskState.Queued || t.State == TaskState.UpForRetry))
                .ToListAsync(ct);
            foreach (var task in tasks)
            {
                // A retry's backoff is not kept across the restart: the wait was for a moment that has passed, or nearly.
                task.State = TaskState.Queued;
                task.HangfireJobId = null;
                task.JobToken = Guid.NewGuid();
                task.QueuedAt ??= now;
                task.ReadyAt = now;
            }
            return tasks.Select(t => TaskDispatcher.From(t.Run!, t)).ToList();
        }, ct);

        List<Guid> running;
        await using (var db = await store.CreateDbContextAsync(ct))
        {
            running = await db.TaskRuns.AsNoTracking().Where(t => t.State == TaskState.Running).Select(t => t.Id).ToListAsync(ct);
        }
        // After the re-queue above, so that a lost attempt keeps its retry backoff.
        foreach (var id in running)
            await recovery.LoseAsync(id, "stopped without finishing it (the embedded store was opened again by a new host)", jobsDiedWithHost: true, ct);

        if (running.Count + claimed.Count > 0)
            logger.LogWarning("Recovered {Lost} lost attempt(s) and re-queued {Queued} waiting task(s) of runs unfinished when the host last stopped",
                running.Count, claimed.Count);
        await dispatcher.DispatchAsync(claimed, ct);
        foreach (var pipeline in catalog.All)
            await starter.StartQueuedRunsAsync(pipeline.Name, ct);
    }
}
