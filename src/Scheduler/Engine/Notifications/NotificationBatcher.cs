using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>
/// Decides what is sent now and how, per pipeline, event and channel: after a quiet window the first notification
/// goes alone at once; what comes after it within Notifications:StormWindow waits, and goes as one summary when the
/// window ends. Runs under the outbox's lock, so two hosts never both send "the first one".
/// </summary>
public sealed class NotificationBatcher(IOptions<NotificationOptions> options)
{
    public async Task BatchAsync(RunStoreContext db, DateTime now, CancellationToken ct)
    {
        var waiting = await db.Notifications.Where(n => n.State == NotificationState.Pending && n.BatchId == null)
            .OrderBy(n => n.CreatedAt).Take(5000).ToListAsync(ct);
        if (waiting.Count == 0) return;
        waiting = await DropNonRecoveriesAsync(db, waiting, ct);

        var window = options.Value.StormWindow;
        foreach (var group in waiting.GroupBy(n => (n.Pipeline, n.Kind, n.Channel)))
        {
            var (pipeline, kind, channel) = group.Key;
            var lastBatchAt = await db.Notifications
                .Where(n => n.Pipeline == pipeline && n.Kind == kind && n.Channel == channel && n.BatchedAt != null)
                .MaxAsync(n => n.BatchedAt, ct);
            var rows = group.ToList();
            if (window == TimeSpan.Zero)
            {
                foreach (var row in rows) Batch([row], now);
            }
            else if (lastBatchAt is not { } last || rows[0].CreatedAt >= last + window)
            {
                Batch([rows[0]], now); // the first after a quiet window: at once
            }
            else if (now >= last + window)
            {
                Batch(rows, now); // the storm's summary
            }
        }
    }

    private static void Batch(IReadOnlyList<NotificationRecord> rows, DateTime now)
    {
        var batch = Guid.NewGuid();
        foreach (var row in rows)
        {
            row.BatchId = batch;
            row.BatchedAt = now;
            row.BatchSize = rows.Count;
            row.NextAttemptAt = now;
        }
    }

    /// <summary>
    /// A success is written as a possible recovery; it is one when the run had been notified as failed (a resumed
    /// run) or the partition's previous run ended failed. The others are deleted here.
    /// </summary>
    private static async Task<List<NotificationRecord>> DropNonRecoveriesAsync(RunStoreContext db, List<NotificationRecord> rows, CancellationToken ct)
    {
        var kept = new List<NotificationRecord>();
        var decided = new Dictionary<Guid, bool>();
        foreach (var row in rows)
        {
            if (row.Kind != NotificationKind.Recovered || row.RunId is not { } runId)
            {
                kept.Add(row);
                continue;
            }
            if (!decided.TryGetValue(runId, out var recovered))
                decided[runId] = recovered = await IsRecoveryAsync(db, runId, ct);
            if (recovered) kept.Add(row);
            else db.Notifications.Remove(row);
        }
        return kept;
    }

    private static async Task<bool> IsRecoveryAsync(RunStoreContext db, Guid runId, CancellationToken ct)
    {
        if (await db.Notifications.AnyAsync(n => n.RunId == runId && n.Kind == NotificationKind.RunFailed, ct)) return true;
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.Pipeline, r.Partition, r.CreatedAt }).SingleOrDefaultAsync(ct);
        if (run is null) return false;
        var previous = await db.Runs.AsNoTracking()
            .Where(r => r.Pipeline == run.Pipeline && r.Partition == run.Partition && r.Id != runId && r.CreatedAt < run.CreatedAt
                        && (r.State == RunState.Succeeded || r.State == RunState.Failed))
            .OrderByDescending(r => r.CreatedAt).Select(r => (RunState?)r.State).FirstOrDefaultAsync(ct);
        return previous == RunState.Failed;
    }
}
