using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

public sealed class PostgresRunStoreContext(DbContextOptions<PostgresRunStoreContext> options) : RunStoreContext(options)
{
    public override Task<PipelineRunRecord> RunOfTaskAsync(Guid taskRunId, CancellationToken ct) =>
        RunStoreQueries<PostgresRunStoreContext>.RunOfTask(this, taskRunId, ct);

    /// <summary>An advisory lock held until the transaction ends: it never blocks, and a dead host's lock dies with its connection.</summary>
    public override async Task<bool> TryLeadRecoveryAsync(CancellationToken ct) =>
        await Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RecoveryLockKey}) AS \"Value\"").SingleAsync(ct);

    /// <summary>An arbitrary key of our own among the database's advisory locks ("PIPELINE" in ASCII).</summary>
    private const long RecoveryLockKey = 0x504950454C494E45;
}
