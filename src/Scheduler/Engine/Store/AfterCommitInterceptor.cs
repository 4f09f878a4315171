using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// Looks at what a save changes before it is written, and acts on it only once it commits: at the end of the save
/// when it runs in no transaction of its own, else when the enclosing transaction commits. A save or transaction that
/// fails or rolls back (an execution strategy retrying a dropped connection, say) acts on nothing, so whatever a
/// subclass does after the commit happens exactly once per committed change.
/// </summary>
public abstract class AfterCommitInterceptor<TPending> : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<TPending>> _pending = new();

    /// <summary>Adds to <paramref name="pending"/> what the context's changes call for (and may add entities to the save).</summary>
    protected abstract void Collect(DbContext context, List<TPending> pending);

    /// <summary>Acts on what was collected from saves that have now committed.</summary>
    protected abstract void Committed(IReadOnlyList<TPending> pending);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        CollectFrom(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        CollectFrom(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Flush(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Flush(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Discard(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Discard(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void CollectFrom(DbContext? context)
    {
        if (context is null) return;
        // SaveChanges calls interceptors before it detects changes itself, so detect them here, once: every read of
        // the entries (and a subclass reads them per changed attempt) would otherwise scan the whole tracked graph again.
        var tracker = context.ChangeTracker;
        var detecting = tracker.AutoDetectChangesEnabled;
        if (detecting) tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (_pending.TryGetValue(context, out var pending))
            {
                Collect(context, pending);
                return;
            }
            pending = [];
            Collect(context, pending);
            if (pending.Count > 0) _pending.AddOrUpdate(context, pending);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        _pending.Remove(context);
        Committed(pending);
    }

    private void Discard(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }
}
