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
    RunStarting starting,
    TimeProvider clock)
{
    public Task StartQueuedRunsAsync(string pipelineName, CancellationToken ct) => StartQueuedRunsAsync(pipelineName, null, ct);

    /// <summary>
    /// Starts what the limit allows. With <paramref name="offer"/> (a worker whose job has nothing left to run), one first task
    /// of a run started here on the offer's task queue begins at once under that job instead of getting a job of its own; it is
    /// returned for the worker to run.
    /// </summary>
    public async Task<InlineAttempt?> StartQueuedRunsAsync(string pipelineName, InlineOffer? offer, CancellationToken ct)
    {
        // A pipeline removed from the code keeps its queued runs; they start if it comes back.
        if (catalog.Find(pipelineName) is not { } pipeline) return null;
        if (!await OnPostgresAsync(ct))
        {
            // SQLite has one writer at a time anyway: waiting for the lock is waiting for the file.
            var pass = await StartPassAsync(pipeline, waitForLock: true, offer, ct);
            await dispatcher.DispatchAsync(pass!.Claimed, CancellationToken.None);
            return pass.Inline;
        }

        // The request comes before the try: a holder that reads the requests after this one looks again, and one that read
        // them before counted the running runs after this caller's change had committed.
        await StartRequests.RequestAsync(store, ct);
        InlineAttempt? inline = null;
        while (await StartPassAsync(pipeline, waitForLock: false, inline is null ? offer : null, ct) is { } pass)
        {
            inline ??= pass.Inline;
            await dispatcher.DispatchAsync(pass.Claimed, CancellationToken.None);
            if (await StartRequests.LatestAsync(store, ct) == pass.RequestsSeen) break;
        }
        return inline;
    }

    /// <summary>How many of the pipeline's runs count against its limit (also run by the start-up warm-up, to compile it).</summary>
    public static Task<int> RunningCountAsync(RunStoreContext db, string pipeline, CancellationToken ct) =>
        db.Runs.CountAsync(r => r.Pipeline == pipeline && r.State == RunState.Running, ct);

    private bool? _onPostgres;

    private async Task<bool> OnPostgresAsync(CancellationToken ct)
    {
        if (_onPostgres is { } known) return known;
        await using var db = await store.CreateDbContextAsync(ct);
        return (_onPostgres = db.Database.IsNpgsql()).Value;
    }

    private sealed record Pass(IReadOnlyList<TaskDispatcher.Claimed> Claimed, long RequestsSeen, InlineAttempt? Inline = null);

    /// <summary>One transaction under the pipeline's lock; null when the lock was taken and <paramref name="waitForLock"/> is false.</summary>
    private Task<Pass?> StartPassAsync(PipelineDefinition pipeline, bool waitForLock, InlineOffer? offer, CancellationToken ct) =>
        store.InTransactionAsync(async db =>
        {
            long requestsSeen = 0;
            if (waitForLock) await db.LockPipelineAsync(pipeline.Name, ct);
            else if (!await db.TryLockPipelineAsync(pipeline.Name, ct)) return null;
            else requestsSeen = await StartRequests.LatestAsync(db, ct);

            var running = await RunningCountAsync(db, pipeline.Name, ct);
            var free = pipeline.MaxConcurrentRuns - running;
            if (free <= 0) return new Pass([], requestsSeen);

            var candidates = await StartOrder.NextAsync(db, pipeline, free, ct);

            var now = clock.GetUtcNow().UtcDateTime;
            var toDispatch = new List<TaskDispatcher.Claimed>();
            InlineAttempt? inline = null;
            foreach (var runId in candidates)
            {
                if (await starting.StartAsync(db, runId, inline is null ? offer : null, now, ct) is not { } started) continue; // cancelled meanwhile
                inline ??= started.Inline;
                toDispatch.AddRange(started.Claimed);
            }
            return new Pass(toDispatch, requestsSeen, inline);
        }, ct);
}
