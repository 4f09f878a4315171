using Hangfire;
using Hangfire.Storage;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Triggers;

namespace Pipeline.Scheduler.Engine.Queries;

/// <summary>Pipelines as users see them: the DAG, the schedule with its next time, and the last run.</summary>
public sealed class PipelineQueries(PipelineCatalog catalog, RunQueries runs, JobStorage storage, PipelinePauses pauses)
{
    public Task<IReadOnlyList<PipelineView>> ListAsync(CancellationToken ct) => ListAsync(withHistory: true, ct);

    /// <param name="withHistory">False for a page that reads the runs it shows itself (the overview): the views then have no
    /// last run and no late count, which cost a read of the run store each (the late count one probe per day).</param>
    public async Task<IReadOnlyList<PipelineView>> ListAsync(bool withHistory, CancellationToken ct)
    {
        var next = NextRuns();
        var paused = await pauses.PausedAsync(ct);
        if (!withHistory)
            return catalog.All.Select(p => View(p, next, null, 0) with { Paused = paused.Contains(p.Name) }).ToList();
        // The last run of every pipeline in one statement; the late counts (one probe per day of a pipeline with a deadline)
        // side by side with it, each on its own connection.
        var lastRuns = runs.LatestAsync(catalog.All.Select(p => p.Name).ToList(), 1, ct);
        var lateCounts = await Task.WhenAll(catalog.All.Select(p => runs.LateCountAsync(p.Name, ct)));
        var last = await lastRuns;
        return catalog.All.Zip(lateCounts, (pipeline, late) =>
            View(pipeline, next, last.GetValueOrDefault(pipeline.Name)?.FirstOrDefault(), late) with { Paused = paused.Contains(pipeline.Name) }).ToList();
    }

    public Task<PipelineView?> GetAsync(string name, CancellationToken ct) => GetAsync(name, withHistory: true, ct);

    /// <param name="withHistory">As for <see cref="ListAsync(bool, CancellationToken)"/>.</param>
    public async Task<PipelineView?> GetAsync(string name, bool withHistory, CancellationToken ct)
    {
        if (catalog.Find(name) is not { } pipeline) return null;
        var history = await HistoryAsync(name, withHistory, ct);
        return View(pipeline, NextRuns(), history.LastRun, history.Late) with { Paused = await pauses.IsPausedAsync(name, ct) };
    }

    private async Task<(RunSummary? LastRun, int Late)> HistoryAsync(string pipeline, bool withHistory, CancellationToken ct)
    {
        if (!withHistory) return (null, 0);
        // Side by side, each on its own connection: the late count probes every day of the history.
        var lastRun = runs.LastRunAsync(pipeline, ct);
        var late = runs.LateCountAsync(pipeline, ct);
        return (await lastRun, await late);
    }

    private Dictionary<string, DateTime?> NextRuns()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.NextExecution);
    }

    private static PipelineView View(PipelineDefinition pipeline, Dictionary<string, DateTime?> next, RunSummary? lastRun, int late)
    {
        var tasks = pipeline.Tasks.Select(t => new TaskView(t.Name, t.Upstream, t.Retry.Attempts, t.Retry.InitialDelay.TotalSeconds,
            t.Retry.MaxDelay.TotalSeconds, t.Timeout.TotalSeconds, t.Queue)).ToList();
        var edges = pipeline.Tasks.SelectMany(t => t.Upstream.Select(u => new EdgeView(u, t.Name))).ToList();
        var partitioning = pipeline.Partitioning is { } p ? new PartitioningView(p.Start.ToString("yyyy-MM-dd"), p.TimeZone.Id) : null;
        ScheduleView? schedule = null;
        if (pipeline.Schedule is { } s)
        {
            next.TryGetValue(ScheduledTrigger.RecurringJobId(pipeline.Name), out var nextAt);
            schedule = new ScheduleView(s.Cron, s.TimeZone.Id, nextAt is { } n ? new DateTimeOffset(n, TimeSpan.Zero) : null);
        }
        return new PipelineView(pipeline.Name, pipeline.Description, tasks, edges, partitioning, schedule, pipeline.MaxConcurrentRuns, lastRun, late);
    }
}
