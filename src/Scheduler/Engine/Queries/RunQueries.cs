using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Freshness;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Queries;

/// <summary>Reads of the run store for the API, the dashboard and the CLI.</summary>
public sealed class RunQueries(IDbContextFactory<RunStoreContext> store, PartitionFreshness freshness)
{
    public const int MaxPageSize = 500;
    public const int MaxPage = 100_000;

    /// <summary>A page of runs, newest first (by creation, then id), counted by page number from the newest.</summary>
    public async Task<RunSlice> ListAsync(string? pipeline, RunState? state, DateOnly? partition, int page, int pageSize, CancellationToken ct) =>
        (await ListAsync(new RunFilter(pipeline, state, partition), before: null, page, pageSize, ct))!;

    /// <summary>
    /// A page of runs, newest first (by creation, then id): the runs that come after <paramref name="before"/> in that order
    /// (a cursor that costs the same however deep it is), else page <paramref name="page"/>. Null when <paramref name="before"/>
    /// names no run. Never counts the runs: a count of a long history costs more than the page.
    /// </summary>
    public async Task<RunSlice?> ListAsync(RunFilter filter, Guid? before, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var query = db.Runs.AsNoTracking();
        if (filter.Pipeline is { } pipeline) query = query.Where(r => r.Pipeline == pipeline);
        if (filter.State is { } state) query = query.Where(r => r.State == state);
        if (filter.Partition is { } partition) query = query.Where(r => r.Partition == partition);
        if (before is { } anchorId)
        {
            var anchor = await db.Runs.AsNoTracking().Where(r => r.Id == anchorId).Select(r => (DateTime?)r.CreatedAt).SingleOrDefaultAsync(ct);
            if (anchor is not { } at) return null;
            // The first condition alone is what lets an index start at the anchor; the rest breaks ties in created_at by id.
            query = query.Where(r => r.CreatedAt <= at && (r.CreatedAt < at || r.Id.CompareTo(anchorId) < 0));
        }

        var ordered = query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        var rows = await (page > 1 ? ordered.Skip((page - 1) * pageSize) : ordered).Take(pageSize + 1).ToListAsync(ct);
        return new RunSlice(rows.Take(pageSize).Select(Summary).ToList(), rows.Count > pageSize);
    }

    public async Task<RunDetail?> GetAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().Include(r => r.Tasks).SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return null;
        var parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(run.ParametersJson) ?? [];
        var taskIds = run.Tasks.Select(t => t.Id).ToList();
        var attempts = (await db.TaskAttempts.AsNoTracking().Where(a => taskIds.Contains(a.TaskRunId)).ToListAsync(ct))
            .ToLookup(a => a.TaskRunId);
        var tasks = run.Tasks.OrderBy(t => t.QueuedAt ?? DateTime.MaxValue).ThenBy(t => t.Task, StringComparer.Ordinal)
            .Select(t => new TaskRunView(t.Id, t.Task, t.State, t.Attempts, t.MaxAttempts, t.Queue, t.HangfireJobId,
                t.QueuedAt, t.StartedAt, t.FinishedAt, Seconds(t.StartedAt, t.FinishedAt), t.Progress, t.Error, t.Output,
                t.LeaseOwner, t.LeaseExpiresAt, attempts[t.Id].OrderBy(a => a.Number).Select(Attempt).ToList()))
            .ToList();
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.RunId == runId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Channel)
            .Select(n => new NotificationView(n.Kind, n.Channel, n.State, n.Attempts, n.BatchSize, n.CreatedAt, n.DeliveredAt, n.LastError))
            .ToListAsync(ct);
        return new RunDetail(Summary(run), parameters, tasks, notifications);
    }

    public static AttemptView Attempt(TaskAttemptRecord a) =>
        new(a.Number, a.Host, a.QueuedAt, a.StartedAt, a.FinishedAt, Seconds(a.QueuedAt, a.StartedAt), Seconds(a.StartedAt, a.FinishedAt), a.Outcome, a.Error);

    public async Task<IReadOnlyList<LogLineView>> LogsAsync(Guid runId, string? task, int limit, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var query = from log in db.TaskLogs.AsNoTracking()
                    join t in db.TaskRuns on log.TaskRunId equals t.Id
                    where t.RunId == runId && (task == null || t.Task == task)
                    orderby log.Id
                    select new LogLineView(t.Task, log.Attempt, log.Timestamp, log.Level, log.Message);
        return await query.Take(limit).ToListAsync(ct);
    }

    /// <summary>How many of a backfill's runs are in each state: one grouped query, however long the backfill.</summary>
    public async Task<IReadOnlyDictionary<RunState, int>> BackfillStatesAsync(Guid backfillId, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return await db.Runs.AsNoTracking().Where(r => r.BackfillId == backfillId)
            .GroupBy(r => r.State).Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count, ct);
    }

    public async Task<RunSummary?> LastRunAsync(string pipeline, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().Where(r => r.Pipeline == pipeline)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return run is null ? null : Summary(run);
    }

    /// <summary>The latest runs of each pipeline named, newest first, in one read without counting them all (the overview).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<RunSummary>>> LatestAsync(IReadOnlyCollection<string> pipelines, int count, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        var runs = await LatestRuns.OfAsync(db, pipelines, count, ct);
        return runs.GroupBy(r => r.Pipeline, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RunSummary>)g.Select(Summary).ToList(), StringComparer.Ordinal);
    }

    /// <summary>How many days of the pipeline are past its freshness deadline without a successful run.</summary>
    public async Task<int> LateCountAsync(string pipeline, CancellationToken ct)
    {
        await using var db = await store.CreateDbContextAsync(ct);
        return (await freshness.LateDaysAsync(db, pipeline, ct)).Count;
    }

    public static RunSummary Summary(PipelineRunRecord run) =>
        new(run.Id, run.Pipeline, run.Partition?.ToString("yyyy-MM-dd"), run.Trigger, run.State, run.BackfillId,
            run.CreatedAt, run.StartedAt, run.FinishedAt, Seconds(run.StartedAt, run.FinishedAt));

    private static double? Seconds(DateTime? start, DateTime? end) =>
        start is { } s && end is { } e ? Math.Round((e - s).TotalSeconds, 3) : null;
}
