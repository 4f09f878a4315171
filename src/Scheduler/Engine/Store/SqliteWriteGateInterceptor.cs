using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// Makes every EF transaction on the embedded run store wait for its turn at the <see cref="SqliteWriteGate"/> before
/// <c>BEGIN IMMEDIATE</c>, and gives the turn back when it commits, rolls back or fails, or at the latest when its connection
/// closes (a transaction disposed without either).
/// </summary>
public sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate) : DbTransactionInterceptor, IDbConnectionInterceptor
{
    /// <summary>EF's ids of the connections whose transaction has its turn.</summary>
    private readonly ConcurrentDictionary<Guid, bool> _holders = new();

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        if (gate.Enter()) _holders[eventData.ConnectionId] = true;
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (await gate.EnterAsync(cancellationToken)) _holders[eventData.ConnectionId] = true;
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.ConnectionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) => Leave(eventData.ConnectionId);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.ConnectionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) => Leave(eventData.ConnectionId);

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData.ConnectionId);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData,
        CancellationToken cancellationToken = default) => Leave(eventData.ConnectionId);

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(eventData.ConnectionId);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Leave(eventData.ConnectionId);

    private Task Leave(Guid connectionId)
    {
        if (_holders.TryRemove(connectionId, out _)) gate.Leave();
        return Task.CompletedTask;
    }
}
