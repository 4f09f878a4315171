using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Triggers;

/// <summary>Keeps the record of each backfill, so its runs can be found and counted together.</summary>
public sealed class BackfillStore(IDbContextFactory<RunStoreContext> store, TimeProvider clock)
{
    /// <param name="filter">Which days of the range it covers when not all (e.g. "failed"), as the user asked.</param>
    public async Task<Guid> CreateAsync(string pipeline, DateOnly from, DateOnly to, BackfillSettings settings, string? filter, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var backfill = new BackfillRecord
        {
            Id = Guid.CreateVersion7(),
            Pipeline = pipeline,
            From = from,
            To = to,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = settings.CreatedBy?.Name,
            MaxConcurrentRuns = settings.MaxConcurrentRuns,
            Filter = filter,
        };
        db.Backfills.Add(backfill);
        if (settings.CreatedBy is { } actor)
            AuditTrail.Record(db, actor, "backfill.create", pipeline, backfill.CreatedAt, backfillId: backfill.Id,
                details: $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}" + (settings.MaxConcurrentRuns is { } limit ? $", at most {limit} run(s) at once." : "."));
        await db.SaveChangesAsync(ct);
        return backfill.Id;
    }
}
