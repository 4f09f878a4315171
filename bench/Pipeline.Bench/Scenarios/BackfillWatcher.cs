using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Bench.Scenarios;

/// <summary>Waits for every run of a backfill to end, then reads their timestamps in one go.</summary>
public sealed class BackfillWatcher(IDbContextFactory<RunStoreContext> store)
{
    // The wall time comes from the runs' own FinishedAt, not from when a poll noticed, so polling less often loses no
    // precision: a count over a long backfill's runs ten times a second would only compete with the engine for the CPU.
    private static TimeSpan PollEvery(int runs) => TimeSpan.FromMilliseconds(Math.Clamp(runs / 10, 100, 1000));

    // A plain array, which EF translates to IN (...) on both providers.
    private static readonly RunState[] Ended = [RunState.Succeeded, RunState.Failed, RunState.Cancelled];

    public async Task<RunSnapshot> WaitAsync(Guid backfillId, int runs, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var ended = 0;
        try
        {
            while (true)
            {
                await using (var db = await store.CreateDbContextAsync(limit.Token))
                {
                    ended = await db.Runs.CountAsync(r => r.BackfillId == backfillId && Ended.Contains(r.State), limit.Token);
                }
                if (ended >= runs) break;
                await Task.Delay(PollEvery(runs), limit.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Only {ended} of {runs} runs ended within {timeout}.");
        }
        return await ReadAsync(backfillId, ct);
    }

    private async Task<RunSnapshot> ReadAsync(Guid backfillId, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var runs = await db.Runs.AsNoTracking().Where(r => r.BackfillId == backfillId)
            .Select(r => new RunSnapshot.RunRow(r.Id, r.State, r.StartedAt, r.FinishedAt))
            .ToListAsync(ct);
        var tasks = await db.TaskRuns.AsNoTracking().Where(t => t.Run!.BackfillId == backfillId)
            .Select(t => new RunSnapshot.TaskRow(t.RunId, t.Task, t.State, t.Attempts, t.StartedAt, t.FinishedAt))
            .ToListAsync(ct);
        return new RunSnapshot(runs, tasks);
    }
}
