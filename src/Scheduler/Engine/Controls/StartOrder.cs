using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Controls;

/// <summary>
/// Which of a pipeline's queued runs start next, given the free places: the highest priority first, then the oldest
/// (a backfill's in order of their days); none while the pipeline is paused, except runs started by hand; and no more
/// of a backfill's runs than its own limit. Read under the pipeline's lock (see QueuedRunStarter).
/// RunHandover states the same order in one SQL statement (it must skip locked rows, which LINQ cannot say): change both.
/// </summary>
public static class StartOrder
{
    public static async Task<IReadOnlyList<Guid>> NextAsync(RunStoreContext db, PipelineDefinition pipeline, int free, CancellationToken ct)
    {
        var queued = db.Runs.AsNoTracking().Where(r => r.Pipeline == pipeline.Name && r.State == RunState.Queued);
        if (await db.PipelineStates.AnyAsync(s => s.Pipeline == pipeline.Name && s.Paused, ct))
            queued = queued.Where(r => r.OverridesPause);

        var limited = await db.Backfills.AsNoTracking()
            .Where(b => b.Pipeline == pipeline.Name && b.MaxConcurrentRuns != null && queued.Any(r => r.BackfillId == b.Id))
            .Select(b => new
            {
                b.Id,
                Room = b.MaxConcurrentRuns!.Value - db.Runs.Count(r => r.BackfillId == b.Id && r.State == RunState.Running),
            })
            .ToListAsync(ct);
        var limitedIds = limited.Select(b => (Guid?)b.Id).ToList();

        var candidates = await Take(queued.Where(r => !limitedIds.Contains(r.BackfillId)), free, ct);
        foreach (var backfill in limited.Where(b => b.Room > 0))
            candidates.AddRange(await Take(queued.Where(r => r.BackfillId == backfill.Id), Math.Min(free, backfill.Room), ct));

        return candidates
            .OrderByDescending(c => c.Priority).ThenBy(c => c.CreatedAt).ThenBy(c => c.Partition)
            .Take(free).Select(c => c.Id).ToList();
    }

    private sealed record Candidate(Guid Id, int Priority, DateTime CreatedAt, DateOnly? Partition);

    private static async Task<List<Candidate>> Take(IQueryable<PipelineRunRecord> runs, int count, CancellationToken ct) =>
        await runs.OrderByDescending(r => r.Priority).ThenBy(r => r.CreatedAt).ThenBy(r => r.Partition)
            .Take(count).Select(r => new Candidate(r.Id, r.Priority, r.CreatedAt, r.Partition)).ToListAsync(ct);
}
