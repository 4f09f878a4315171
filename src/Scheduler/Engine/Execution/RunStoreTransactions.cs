using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>One short transaction on a fresh context: the shape of every state change in the engine.</summary>
public static class RunStoreTransactions
{
    /// <summary>
    /// Runs the work in one transaction through the provider's execution strategy: on PostgreSQL a dropped
    /// connection or a restarting server makes the whole transaction run again (the work reads after its lock, so
    /// a second try sees whatever the first committed), for as long as Engine:StoreRetryPeriod allows.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(
        this IDbContextFactory<RunStoreContext> factory,
        Func<RunStoreContext, Task<T>> work,
        CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // No savepoint around SaveChanges: a failure here retries the whole transaction, so it would never be used (two round trips fewer).
        db.Database.AutoSavepointsEnabled = false;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // A retry starts from what the store holds, not from what the failed try had tracked.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(db);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        });
    }
}
