using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>Writes operators' changes into the run store (inside the change's own transaction) and reads them back.</summary>
public sealed class AuditTrail(IDbContextFactory<RunStoreContext> store, TimeProvider clock)
{
    public const int MaxEntries = 500;

    public static void Record(RunStoreContext db, Actor actor, string action, string pipeline, DateTime at,
        Guid? runId = null, Guid? backfillId = null, string? details = null) =>
        db.AuditRecords.Add(new AuditRecord
        {
            At = at,
            Actor = actor.Name,
            Address = actor.Address,
            Action = action,
            Pipeline = pipeline,
            RunId = runId,
            BackfillId = backfillId,
            Details = details is { Length: > 2000 } ? details[..2000] : details,
        });

    /// <summary>
    /// A change that happened outside the run store (e.g. alerts taken off their queue), recorded on its own once it
    /// has happened: there is no transaction of the run store to share.
    /// </summary>
    public async Task RecordAsync(Actor actor, string action, string pipeline, string? details, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        Record(db, actor, action, pipeline, clock.GetUtcNow().UtcDateTime, details: details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The changes to a run: its own, and those made to its backfill as a whole. Newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForRunAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var backfillId = await db.Runs.Where(r => r.Id == runId).Select(r => r.BackfillId).SingleOrDefaultAsync(ct);
        return await ToEntriesAsync(db.AuditRecords.Where(a => a.RunId == runId || (backfillId != null && a.BackfillId == backfillId && a.RunId == null)), ct);
    }

    /// <summary>The changes made to a backfill as a whole (not those to one of its runs). Newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForBackfillAsync(Guid backfillId, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await ToEntriesAsync(db.AuditRecords.Where(a => a.BackfillId == backfillId && a.RunId == null), ct);
    }

    /// <summary>Every change concerning a backfill: to it as a whole and to each of its runs. Newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForBackfillAndItsRunsAsync(Guid backfillId, int limit, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await ToEntriesAsync(db.AuditRecords.Where(a => a.BackfillId == backfillId), ct, limit);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? pipeline, int limit, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var records = db.AuditRecords.AsQueryable();
        if (pipeline is not null) records = records.Where(a => a.Pipeline == pipeline);
        return await ToEntriesAsync(records, ct, limit);
    }

    private static async Task<IReadOnlyList<AuditEntry>> ToEntriesAsync(IQueryable<AuditRecord> records, CancellationToken ct, int limit = MaxEntries) =>
        await records.AsNoTracking().OrderByDescending(a => a.Id).Take(limit)
            .Select(a => new AuditEntry(a.At, a.Actor, a.Address, a.Action, a.Pipeline, a.RunId, a.BackfillId, a.Details))
            .ToListAsync(ct);
}

public sealed record AuditEntry(DateTime At, string Actor, string? Address, string Action, string Pipeline, Guid? RunId, Guid? BackfillId, string? Details);
