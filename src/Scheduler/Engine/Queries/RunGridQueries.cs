using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Queries;

/// <summary>Reads the runs-by-tasks grid: three queries (the latest runs, their tasks, their attempts), whatever the history's length.</summary>
public sealed class RunGridQueries(IDbContextFactory<RunStoreContext> store)
{
    public const int MaxRuns = 100;

    public async Task<RunGrid> GridAsync(PipelineDefinition pipeline, int runs, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var latest = await db.Runs.AsNoTracking().Where(r => r.Pipeline == pipeline.Name)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(runs).ToListAsync(ct);
        var ids = latest.Select(r => r.Id).ToList();
        var tasks = await db.TaskRuns.AsNoTracking().Where(t => ids.Contains(t.RunId)).ToListAsync(ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var attempts = (await db.TaskAttempts.AsNoTracking().Where(a => taskIds.Contains(a.TaskRunId)).ToListAsync(ct))
            .ToLookup(a => a.TaskRunId);
        var byRun = tasks.ToLookup(t => t.RunId, t => new GridCell(t.Task, t.State, t.Attempts, t.MaxAttempts, t.QueuedAt, t.StartedAt,
            t.FinishedAt, Seconds(t.StartedAt, t.FinishedAt), t.Error, attempts[t.Id].OrderBy(a => a.Number).Select(RunQueries.Attempt).ToList()));

        var order = pipeline.Tasks.Select(t => t.Name).ToList();
        var rows = order.Concat(tasks.Select(t => t.Task).Where(t => !order.Contains(t)).Distinct().Order(StringComparer.Ordinal)).ToList();
        var columns = latest.AsEnumerable().Reverse()
            .Select(r => new GridRun(RunQueries.Summary(r), byRun[r.Id].OrderBy(c => rows.IndexOf(c.Task)).ToList()))
            .ToList();
        return new RunGrid(pipeline.Name, rows, columns);
    }

    private static double? Seconds(DateTime? start, DateTime? end) =>
        start is { } s && end is { } e ? Math.Round((e - s).TotalSeconds, 3) : null;
}
