using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Leases;

/// <summary>
/// Every host runs this loop; one at a time does the work (a lock held for the pass, see
/// <see cref="RunStoreContext.TryLeadRecoveryAsync"/>). Each pass ends lost attempts, gives stranded queued tasks a
/// new job, enqueues tasks that were claimed but never handed to Hangfire, and starts queued runs with a free slot.
/// </summary>
public sealed class RecoveryLoop(
    IDbContextFactory<RunStoreContext> store,
    LostAttemptReaper lost,
    StrandedJobReaper stranded,
    OrphanReconciler orphans,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    ILogger<RecoveryLoop> logger) : PeriodicWork(options.Value.LeaseRenewalInterval, clock, logger)
{
    /// <summary>Set after a pass failed: lost attempts are not looked for until the hosts have had time to renew.</summary>
    private DateTime? _reachableAgainAt;
    private DateTime _lastOrphanPass = DateTime.MinValue;

    protected override string Activity => "look for lost attempts and stranded tasks";

    protected override Task TickAsync(CancellationToken ct) => PassAsync(ct);

    protected override void OnFailed() => _reachableAgainAt = DateTime.MaxValue;

    public async Task PassAsync(CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var lead = await db.TryLeadRecoveryAsync(ct);
            if (lead is null) return;
            var now = Clock.GetUtcNow().UtcDateTime;
            if (_reachableAgainAt == DateTime.MaxValue) _reachableAgainAt = now;

            // After this host could not reach the store, every lease may have lapsed meanwhile, even those of live hosts
            // that were cut off just the same: give them two renewals to claim their attempts back before calling any lost.
            if (_reachableAgainAt is not { } since || now - since >= 2 * options.Value.LeaseRenewalInterval)
            {
                _reachableAgainAt = null;
                await lost.ReapAsync(ct);
            }
            await stranded.RequeueAsync(ct);
            if (now - _lastOrphanPass >= options.Value.OrphanAfter / 2)
            {
                _lastOrphanPass = now;
                await orphans.ReconcileAsync(ct);
            }
        });
    }
}
