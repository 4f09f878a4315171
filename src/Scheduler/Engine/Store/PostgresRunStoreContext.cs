using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

public sealed class PostgresRunStoreContext(DbContextOptions<PostgresRunStoreContext> options) : RunStoreContext(options)
{
    public override Task<PipelineRunRecord> RunOfTaskAsync(Guid taskRunId, CancellationToken ct) =>
        RunStoreQueries<PostgresRunStoreContext>.RunOfTask(this, taskRunId, ct);

    /// <summary>
    /// An advisory lock held by a transaction of its own until the handle is disposed: taking it never blocks, and a
    /// dead host's lock dies with its connection. The transaction writes nothing; the recovery work uses other connections.
    /// </summary>
    public override async Task<IAsyncDisposable?> TryLeadRecoveryAsync(CancellationToken ct)
    {
        var transaction = await Database.BeginTransactionAsync(ct);
        if (await Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RecoveryLockKey}) AS \"Value\"").SingleAsync(ct))
            return transaction;
        await transaction.DisposeAsync();
        return null;
    }

    public override async Task<bool> TryLeadNotificationsAsync(CancellationToken ct) =>
        await Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RecoveryLockKey + 1}) AS \"Value\"").SingleAsync(ct);

    /// <summary>An arbitrary key of our own among the database's advisory locks ("PIPELINE" in ASCII).</summary>
    private const long RecoveryLockKey = 0x504950454C494E45;
}
