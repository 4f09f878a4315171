using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Execution;

/// <summary>One short transaction on a fresh context: the shape of every state change in the engine.</summary>
public static class RunStoreTransactions
{
    public static async Task<T> InTransactionAsync<T>(
        this IDbContextFactory<RunStoreContext> factory,
        Func<RunStoreContext, Task<T>> work,
        CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work(db);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }
}
