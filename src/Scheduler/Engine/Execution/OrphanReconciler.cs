using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// Closes the gaps a host dying between two steps can leave: a task claimed in the store whose Hangfire job
/// was never created is enqueued again (a duplicate job is harmless: only one job can claim a task), so is a retry
/// that came due without a job (its scheduled job could not be created), and a pipeline with queued runs and a free
/// slot has them started.
/// </summary>
public sealed class OrphanReconciler(
    IDbContextFactory<RunStoreContext> store,
    TaskDispatcher dispatcher,
    QueuedRunStarter starter,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    ILogger<OrphanReconciler> logger)
{
    public async Task ReconcileAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.Value.OrphanAfter;
        var enqueued = await dispatcher.DispatchJoblessAsync(
            t => t.State == TaskState.Queued && t.QueuedAt < before || t.State == TaskState.UpForRetry && t.ReadyAt < before, ct);
        if (enqueued > 0) logger.LogWarning("Enqueued {Count} task(s) that were claimed but never handed to Hangfire", enqueued);

        await using var db = await store.CreateDbContextAsync(ct);
        var waiting = await db.Runs.AsNoTracking().Where(r => r.State == RunState.Queued && r.CreatedAt < before)
            .Select(r => r.Pipeline).Distinct().ToListAsync(ct);
        foreach (var pipeline in waiting)
            await starter.StartQueuedRunsAsync(pipeline, ct);
    }
}
