using Hangfire;
using Hangfire.Storage;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Triggers;

namespace Pipeline.Scheduler.Engine.Queries;

/// <summary>Pipelines as users see them: the DAG, the schedule with its next time, and the last run.</summary>
public sealed class PipelineQueries(PipelineCatalog catalog, RunQueries runs, JobStorage storage, PipelinePauses pauses)
{
    public async Task<IReadOnlyList<PipelineView>> ListAsync(CancellationToken ct)
    {
        var next = NextRuns();
        var views = new List<PipelineView>();
        var paused = await pauses.PausedAsync(ct);
        foreach (var pipeline in catalog.All)
            views.Add(View(pipeline, next, await runs.LastRunAsync(pipeline.Name, ct), await runs.LateCountAsync(pipeline.Name, ct)) with { Paused = paused.Contains(pipeline.Name) });
        return views;
    }

    public async Task<PipelineView?> GetAsync(string name, CancellationToken ct) =>
        catalog.Find(name) is { } pipeline
            ? View(pipeline, NextRuns(), await runs.LastRunAsync(name, ct), await runs.LateCountAsync(name, ct)) with { Paused = await pauses.IsPausedAsync(name, ct) }
            : null;

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
