using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// Starts a pipeline's queued runs in their start order (see StartOrder), while fewer than its limit are running. The pipeline's
/// lock row makes the count and the start one atomic step across every host sharing the store.
/// </summary>
public sealed class QueuedRunStarter(
    IDbContextFactory<RunStoreContext> store,
    PipelineCatalog catalog,
    TaskDispatcher dispatcher,
    TimeProvider clock)
{
    public async Task StartQueuedRunsAsync(string pipelineName, CancellationToken ct)
    {
        // A pipeline removed from the code keeps its queued runs; they start if it comes back.
        if (catalog.Find(pipelineName) is not { } pipeline) return;
        var claimed = await store.InTransactionAsync(async db =>
        {
            await db.LockPipelineAsync(pipeline.Name, ct);
            var running = await db.Runs.CountAsync(r => r.Pipeline == pipeline.Name && r.State == RunState.Running, ct);
            var free = pipeline.MaxConcurrentRuns - running;
            if (free <= 0) return [];

            var candidates = await StartOrder.NextAsync(db, pipeline, free, ct);

            var now = clock.GetUtcNow().UtcDateTime;
            var toDispatch = new List<TaskDispatcher.Claimed>();
            foreach (var runId in candidates)
            {
                if (!await db.LockQueuedRunAsync(runId, ct)) continue; // cancelled meanwhile
                var run = await db.Runs.Include(r => r.Tasks).SingleAsync(r => r.Id == runId, ct);
                run.State = RunState.Running;
                run.StartedAt ??= now;
                var outcome = RunAdvancer.Advance(run, now);
                toDispatch.AddRange(outcome.Claimed.Select(t => TaskDispatcher.From(run, t)));
            }
            return toDispatch;
        }, ct);

        await dispatcher.DispatchAsync(claimed, CancellationToken.None);
    }
}
