using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>
/// Starts a pipeline's queued runs in their start order (see StartOrder), while fewer than its limit are running. The pipeline's
/// lock row makes the count and the start one atomic step across every host sharing the store.
/// On PostgreSQL, a caller that finds the lock taken does not queue behind it (in a backfill every run's end asks, and they
/// queued on that one row for over 100 ms each): it leaves a start request (see <see cref="StartRequests"/>), and whoever holds
/// the lock looks again after its commit when a request came in meanwhile. So every freed place is seen by some pass.
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
        if (!await OnPostgresAsync(ct))
        {
            // SQLite has one writer at a time anyway: waiting for the lock is waiting for the file.
            var pass = await StartPassAsync(pipeline, waitForLock: true, ct);
            await dispatcher.DispatchAsync(pass!.Claimed, CancellationToken.None);
            return;
        }

        // The request comes before the try: a holder that reads the requests after this one looks again, and one that read
        // them before counted the running runs after this caller's change had committed.
        await StartRequests.RequestAsync(store, ct);
        while (await StartPassAsync(pipeline, waitForLock: false, ct) is { } pass)
        {
            await dispatcher.DispatchAsync(pass.Claimed, CancellationToken.None);
            if (await StartRequests.LatestAsync(store, ct) == pass.RequestsSeen) return;
        }
    }

    private bool? _onPostgres;

    private async Task<bool> OnPostgresAsync(CancellationToken ct)
    {
        if (_onPostgres is { } known) return known;
        await using var db = await store.CreateDbContextAsync(ct);
        return (_onPostgres = db.Database.IsNpgsql()).Value;
    }

    private sealed record Pass(IReadOnlyList<TaskDispatcher.Claimed> Claimed, long RequestsSeen);

    /// <summary>One transaction under the pipeline's lock; null when the lock was taken and <paramref name="waitForLock"/> is false.</summary>
    private Task<Pass?> StartPassAsync(PipelineDefinition pipeline, bool waitForLock, CancellationToken ct) =>
        store.InTransactionAsync(async db =>
        {
            long requestsSeen = 0;
            if (waitForLock) await db.LockPipelineAsync(pipeline.Name, ct);
            else if (!await db.TryLockPipelineAsync(pipeline.Name, ct)) return null;
            else requestsSeen = await StartRequests.LatestAsync(db, ct);

            var running = await db.Runs.CountAsync(r => r.Pipeline == pipeline.Name && r.State == RunState.Running, ct);
            var free = pipeline.MaxConcurrentRuns - running;
            if (free <= 0) return new Pass([], requestsSeen);

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
            return new Pass(toDispatch, requestsSeen);
        }, ct);
}
