using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>GET /pipelines?name=&amp;failing=1: the overview of every pipeline, filtered by name and by failures.</summary>
public sealed class PipelinesPageDispatcher : IDashboardDispatcher
{
    public const int LastRunCount = 10;

    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head)) return;
        var http = context.GetHttpContext();
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var filter = (context.Request.GetQuery("name") ?? "").Trim();
        var onlyFailing = context.Request.GetQuery("failing") is "1" or "on" or "true";

        var catalog = services.GetRequiredService<PipelineCatalog>();
        // The rows read their own runs and days; the views need only the definitions, schedules and pauses.
        var pipelines = await services.GetRequiredService<PipelineQueries>().ListAsync(withHistory: false, ct);
        var runs = services.GetRequiredService<RunQueries>();
        var partitions = services.GetRequiredService<PartitionQueries>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        var shown = pipelines.Where(p => filter.Length == 0 || p.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        // The last runs of every row in one read; each partitioned pipeline's days in another, side by side.
        var lastRuns = runs.LatestAsync(shown.Select(p => p.Name).ToList(), LastRunCount, ct);
        var rows = (await Task.WhenAll(shown.Select(RowAsync))).ToList();

        async Task<PipelineRow> RowAsync(PipelineView pipeline)
        {
            int? failed = null, late = null;
            if (catalog.Find(pipeline.Name) is { Partitioning: { } partitioning } definition)
            {
                var (first, today) = PartitionCalendar.Range(partitioning, now);
                (failed, late) = await partitions.CountsAsync(definition, first, today, ct);
            }
            return new PipelineRow(pipeline, (await lastRuns).GetValueOrDefault(pipeline.Name) ?? [], failed, late)
            {
                MayOperate = await DashboardAccess.MayAsync(context, AccessLevel.Operator, pipeline.Name),
            };
        }

        if (onlyFailing) rows = rows.Where(r => r.HasFailures).ToList();

        var model = new PipelinesPageModel(rows, pipelines.Count, filter, onlyFailing, Alert: null);
        await DashboardResponses.RenderAsync(context, new PipelinesPage(model));
    }
}
