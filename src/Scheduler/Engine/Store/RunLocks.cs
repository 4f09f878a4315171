using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// Row locks taken by updating a counter, which works the same on PostgreSQL and SQLite. Every change
/// to a run's tasks first locks the run's row, so two tasks finishing at the same moment are applied
/// one after the other and the second sees the first: that is what makes fan-in race-free.
/// Take them first in a transaction, then read: a read after the lock sees every earlier commit.
/// Plain SQL rather than LINQ's ExecuteUpdate: they start every transition, and translating the LINQ form
/// each time cost more than running the statement.
/// </summary>
public static class RunLocks
{
    public static async Task<bool> LockRunAsync(this RunStoreContext db, Guid runId, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"UPDATE pipeline_runs SET version = version + 1 WHERE id = {runId}", ct) == 1;

    /// <summary>Locks the run a task belongs to, in one statement; false when the task does not exist.</summary>
    public static async Task<bool> LockRunOfTaskAsync(this RunStoreContext db, Guid taskRunId, CancellationToken ct) =>
        // An uncorrelated subquery: SQLite evaluates it once through the key instead of once per run.
        await db.Database.ExecuteSqlAsync(
            $"UPDATE pipeline_runs SET version = version + 1 WHERE id = (SELECT run_id FROM task_runs WHERE id = {taskRunId})", ct) == 1;

    /// <summary>Locks the run only while it is still waiting, so a cancelled run is never started.</summary>
    public static async Task<bool> LockQueuedRunAsync(this RunStoreContext db, Guid runId, CancellationToken ct)
    {
        var queued = nameof(RunState.Queued); // states are stored by name
        return await db.Database.ExecuteSqlAsync(
            $"UPDATE pipeline_runs SET version = version + 1 WHERE id = {runId} AND state = {queued}", ct) == 1;
    }

    public static async Task LockPipelineAsync(this RunStoreContext db, string pipeline, CancellationToken ct)
    {
        var locked = await db.Database.ExecuteSqlAsync($"UPDATE pipeline_locks SET version = version + 1 WHERE pipeline = {pipeline}", ct);
        if (locked != 1)
            throw new InvalidOperationException($"The run store has no lock row for pipeline '{pipeline}'; the host creates them at start-up.");
    }

    /// <summary>Takes the pipeline's lock if no one holds it, without waiting (PostgreSQL only: SKIP LOCKED).</summary>
    public static async Task<bool> TryLockPipelineAsync(this RunStoreContext db, string pipeline, CancellationToken ct) =>
        await db.Database.SqlQuery<string>($"SELECT pipeline AS \"Value\" FROM pipeline_locks WHERE pipeline = {pipeline} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct) is [_];

    public static async Task EnsurePipelineLocksAsync(this RunStoreContext db, IEnumerable<string> pipelines, CancellationToken ct)
    {
        foreach (var pipeline in pipelines)
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO pipeline_locks (pipeline, version) VALUES ({pipeline}, 0) ON CONFLICT DO NOTHING", ct);
    }
}
