using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// Requests to look for queued runs to start, on PostgreSQL: a sequence (migration <c>StartRequests</c>), because taking a
/// number from it never waits for another transaction and is never rolled back. One sequence for every pipeline: a request
/// for another pipeline costs a holder at most one more pass.
/// </summary>
public static class StartRequests
{
    // Both through the execution strategy, like every other run-store operation of the engine: a dropped connection here
    // must not cost a run end its start pass. (An extra number taken by a retried nextval only costs a holder one more pass.)
    public static async Task RequestAsync(IDbContextFactory<RunStoreContext> store, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        // Run as a command, not read as a query: nothing is read, and EF Core would translate and compile a query the first
        // time (on a fresh host, during the first trigger), which a start-up warm-up could not do for it: taking a number is a write.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(() =>
            db.Database.ExecuteSqlAsync($"SELECT nextval('pipeline_start_requests')", ct));
    }

    public static async Task<long> LatestAsync(IDbContextFactory<RunStoreContext> store, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(() => LatestAsync(db, ct));
    }

    /// <summary>The last number taken by any session (not this session's own, which <c>currval</c> would give).</summary>
    public static Task<long> LatestAsync(RunStoreContext db, CancellationToken ct) =>
        db.Database.SqlQuery<long>($"SELECT last_value AS \"Value\" FROM pipeline_start_requests").SingleAsync(ct);
}
