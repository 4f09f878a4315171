using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// The run store's writes that every run goes through, once, inside a transaction that is rolled back: a run is created,
/// started (with a start pass's reads), its first task claimed and succeeded, by the engine's own steps (<see cref="RunStarting"/>,
/// <see cref="AttemptBeginning"/>, <see cref="TaskAttempts"/>, <see cref="RunAdvancer"/>). EF Core builds its insert and
/// update commands and the run's materializer on first use, and that code was most of what a fresh host compiled between
/// a trigger and its first task (bench/notes.md, "engine warm-up"). Nothing is kept: the rows never commit, so no other
/// host or reader sees them, and what the run store's interceptors do after a commit (metrics, notifications) never happens.
/// </summary>
public sealed class EngineWarmUp(
    IDbContextFactory<RunStoreContext> store, PipelineCatalog catalog, RunLauncher launcher, RunStarting starting, AttemptBeginning beginning,
    TaskTransitions transitions, TimeProvider clock, IServiceProvider services)
{
    /// <summary>Not a pipeline's name (names are lower-case letters, digits, '-' and '_'): its lock is a row that does not exist.</summary>
    private const string NoPipeline = "(warm-up)";

    public async Task WarmUpAsync(CancellationToken ct)
    {
        if (catalog.All.FirstOrDefault(p => p.Tasks.Count > 0) is not { } pipeline) return;
        await using var db = await store.CreateDbContextAsync(ct);
        db.Database.AutoSavepointsEnabled = false; // as RunStoreTransactions does, so the same commands are built
        // On PostgreSQL the store retries through its execution strategy, which refuses a transaction begun outside it.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await RunOnceAsync(db, pipeline, ct);
            await transaction.RollbackAsync(ct);
        });
        // The read that gives a job's kept siblings jobs of their own once its task runs long (a fan-out's second branch
        // waits on it), here for no task: it finds none and dispatches nothing.
        await transitions.ReleaseHeldAsync([], ct);
    }

    private async Task RunOnceAsync(RunStoreContext db, PipelineDefinition pipeline, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        var run = launcher.NewRecords(pipeline, [new RunLauncher.NewRun(null, new Dictionary<string, string>())], "warm-up", null, null)[0];
        db.Runs.Add(run);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // A start pass's reads, then the start itself. On PostgreSQL a pass first takes the pipeline's lock without waiting and
        // reads the start requests: here the lock of no pipeline (no row, so nothing is locked) and a read of the sequence.
        if (db.Database.IsNpgsql())
        {
            await db.TryLockPipelineAsync(NoPipeline, ct);
            await StartRequests.LatestAsync(db, ct);
        }
        await QueuedRunStarter.RunningCountAsync(db, pipeline.Name, ct);
        await StartOrder.NextAsync(db, pipeline, 1, ct);
        if (await starting.StartAsync(db, run.Id, offer: null, now, ct) is not { Claimed: [var first, ..] })
            throw new InvalidOperationException($"The warm-up's run of {pipeline.Name} started without a ready task.");
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // A task's claim and its success, each as the transitions make them: lock the run, read it whole, change, save.
        await db.LockRunOfTaskAsync(first.TaskRunId, ct);
        var started = await db.RunOfTaskAsync(first.TaskRunId, ct);
        var task = started.Tasks.Single(t => t.Id == first.TaskRunId);
        beginning.Begin(db, started, task, pipeline, pipeline.Tasks.Single(t => t.Name == task.Task), "warm-up", now);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await TaskLogWarmUp.FlushOnceAsync(services, db, task.Id, task.Attempts, clock);

        await db.LockRunOfTaskAsync(first.TaskRunId, ct);
        var running = await db.RunOfTaskAsync(first.TaskRunId, ct);
        var done = running.Tasks.Single(t => t.Id == first.TaskRunId);
        TaskAttempts.Succeed(db, done, null, now);
        RunAdvancer.Advance(running, now);
        await db.SaveChangesAsync(ct);
    }
}
