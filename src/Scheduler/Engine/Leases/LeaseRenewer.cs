using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Leases;

/// <summary>
/// Renews the leases of the attempts running in this host, all in one statement per interval (nothing at all
/// when none runs). An attempt whose lease another host has taken over (this host was cut off for longer than
/// a lease) is stopped: its task already runs elsewhere, and its result would be refused.
/// </summary>
public sealed class LeaseRenewer(
    IDbContextFactory<RunStoreContext> store,
    RunningTasks running,
    HostIdentity host,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    ILogger<LeaseRenewer> logger) : PeriodicWork(options.Value.LeaseRenewalInterval, clock, logger)
{
    protected override string Activity => "renew the leases of this host's running attempts";

    protected override Task TickAsync(CancellationToken ct) => RenewAsync(ct);

    public async Task RenewAsync(CancellationToken ct)
    {
        var ids = running.Ids;
        if (ids.Count == 0) return;
        var expires = Clock.GetUtcNow().UtcDateTime + options.Value.LeaseLength;
        await using var db = await store.CreateDbContextAsync(ct);
        var held = HeldBy(db, ids);
        var renewed = await held.ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseExpiresAt, expires), ct);
        if (renewed == ids.Count) return;

        var stillHeld = await held.Select(t => t.Id).ToListAsync(ct);
        foreach (var lost in ids.Except(stillHeld))
        {
            // Also the attempts that ended between reading the ids and the update: stopping them changes nothing.
            running.LeaseLost(lost);
        }
    }

    private IQueryable<TaskRunRecord> HeldBy(RunStoreContext db, IReadOnlyList<Guid> ids) =>
        db.TaskRuns.Where(t => ids.Contains(t.Id) && t.LeaseOwner == host.Name && t.State == TaskState.Running);
}
