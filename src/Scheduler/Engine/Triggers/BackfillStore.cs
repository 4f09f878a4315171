using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Triggers;

/// <summary>Keeps the record of each backfill, so its runs can be found and counted together.</summary>
public sealed class BackfillStore(IDbContextFactory<RunStoreContext> store, TimeProvider clock)
{
    public async Task<Guid> CreateAsync(string pipeline, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var backfill = new BackfillRecord
        {
            Id = Guid.CreateVersion7(),
            Pipeline = pipeline,
            From = from,
            To = to,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Backfills.Add(backfill);
        await db.SaveChangesAsync(ct);
        return backfill.Id;
    }
}
