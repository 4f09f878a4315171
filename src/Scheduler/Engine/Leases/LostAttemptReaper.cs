using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Leases;

/// <summary>Finds running attempts whose lease has lapsed and ends them as lost (see <see cref="AttemptRecovery"/>).</summary>
public sealed class LostAttemptReaper(IDbContextFactory<RunStoreContext> store, AttemptRecovery recovery, TimeProvider clock)
{
    private const int Batch = 500;

    /// <summary>Returns how many attempts were found lost.</summary>
    public async Task<int> ReapAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> expired;
        await using (var db = await store.CreateDbContextAsync(ct))
        {
            // No lease at all: an attempt started by a host from before leases, which no one renews.
            expired = await db.TaskRuns.AsNoTracking()
                .Where(t => t.State == TaskState.Running && (t.LeaseExpiresAt == null || t.LeaseExpiresAt < now))
                // Lapsed longest first: a batch that cannot take them all takes the longest-waiting, and EF warns of a Take without an order.
                .OrderBy(t => t.LeaseExpiresAt)
                .Select(t => t.Id).Take(Batch).ToListAsync(ct);
        }

        var lost = 0;
        foreach (var id in expired)
            if (await recovery.LoseAsync(id, hostGone: null, jobsDiedWithHost: false, ct)) lost++;
        return lost;
    }
}
