using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>Backfills as users see them: their runs counted by state, and how far along they are.</summary>
public sealed class BackfillQueries(IDbContextFactory<RunStoreContext> store, AuditTrail audit, TimeProvider clock)
{
    public async Task<Page<BackfillSummary>> ListAsync(string? pipeline, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var backfills = db.Backfills.AsNoTracking();
        if (pipeline is not null) backfills = backfills.Where(b => b.Pipeline == pipeline);
        var total = await backfills.CountAsync(ct);
        var records = await backfills.OrderByDescending(b => b.CreatedAt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = records.Select(b => (Guid?)b.Id).ToList();
        var counts = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.BackfillId))
            .GroupBy(r => new { r.BackfillId, r.State })
            .Select(g => new { g.Key.BackfillId, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);
        var items = records.Select(b => Summary(b, counts.Where(c => c.BackfillId == b.Id).ToDictionary(c => c.State, c => c.Count))).ToList();
        return new Page<BackfillSummary>(items, page, pageSize, total);
    }

    public async Task<BackfillDetail?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var backfill = await db.Backfills.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (backfill is null) return null;

        var runs = db.Runs.AsNoTracking().Where(r => r.BackfillId == id);
        var byState = await runs.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var startedAt = await runs.MinAsync(r => r.StartedAt, ct);
        var lastFinish = await runs.MaxAsync(r => r.FinishedAt, ct);
        var summary = Summary(backfill, byState);

        var ended = summary.State is not (BackfillState.Queued or BackfillState.Running);
        var finishedAt = ended ? lastFinish : null;
        var progress = summary.TotalRuns == 0 ? 1 : (double)summary.FinishedRuns / summary.TotalRuns;
        double? perMinute = null, secondsLeft = null;
        if (startedAt is { } start && summary.FinishedRuns > 0)
        {
            var elapsed = ((finishedAt ?? clock.GetUtcNow().UtcDateTime) - start).TotalMinutes;
            if (elapsed > 0)
            {
                perMinute = summary.FinishedRuns / elapsed;
                if (!ended) secondsLeft = (summary.TotalRuns - summary.FinishedRuns) / perMinute * 60;
            }
        }
        return new BackfillDetail(summary, startedAt, finishedAt, backfill.CancelledAt, progress, perMinute, secondsLeft,
            await audit.ForBackfillAsync(id, ct));
    }

    /// <summary>Some of a backfill's runs in one state, in the order of their days (the dashboard lists those that need a look).</summary>
    public async Task<IReadOnlyList<RunSummary>> RunsAsync(Guid id, RunState state, int limit, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var runs = await db.Runs.AsNoTracking().Where(r => r.BackfillId == id && r.State == state)
            .OrderBy(r => r.Partition).ThenBy(r => r.CreatedAt).Take(limit).ToListAsync(ct);
        return runs.Select(RunQueries.Summary).ToList();
    }

    private static BackfillSummary Summary(BackfillRecord b, Dictionary<RunState, int> byState)
    {
        var total = byState.Values.Sum();
        var finished = byState.Where(s => s.Key.IsTerminal()).Sum(s => s.Value);
        var state = StateOf(b, byState, total, finished);
        var all = Enum.GetValues<RunState>().ToDictionary(s => s, s => byState.GetValueOrDefault(s));
        return new BackfillSummary(b.Id, b.Pipeline, b.From.ToString("yyyy-MM-dd"), b.To.ToString("yyyy-MM-dd"), b.Filter, b.CreatedBy,
            b.CreatedAt, b.MaxConcurrentRuns, state, total, finished, all);
    }

    private static BackfillState StateOf(BackfillRecord b, Dictionary<RunState, int> byState, int total, int finished)
    {
        if (finished < total)
            return byState.GetValueOrDefault(RunState.Running) > 0 || finished > 0 ? BackfillState.Running : BackfillState.Queued;
        if (b.CancelledAt is not null && byState.GetValueOrDefault(RunState.Cancelled) > 0) return BackfillState.Cancelled;
        return byState.GetValueOrDefault(RunState.Succeeded) == total ? BackfillState.Succeeded : BackfillState.Failed;
    }
}
