using Hangfire.Dashboard;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>GET /pipelines: loads what the pipelines page shows, then renders it.</summary>
public sealed class PipelinesPageDispatcher : IDashboardDispatcher
{
    public const int RecentRunCount = 20;

    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head)) return;
        await RenderAsync(context, BackfillNotice(context), form: null, StatusCodes.Status200OK);
    }

    /// <summary>Also used by the form handlers, to show a refused form again with its message.</summary>
    public static async Task RenderAsync(DashboardContext context, PageAlert? alert, SubmittedForm? form, int statusCode)
    {
        var http = context.GetHttpContext();
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var pipelines = await services.GetRequiredService<PipelineQueries>().ListAsync(ct);
        var recent = await services.GetRequiredService<RunQueries>().ListAsync(null, null, null, 1, RecentRunCount, ct);
        var days = Days(services.GetRequiredService<PipelineCatalog>(), services.GetRequiredService<TimeProvider>().GetUtcNow());
        var model = new PipelinesPageModel(pipelines, days, recent, alert, form);
        await DashboardResponses.RenderAsync(context, new PipelinesPage(model), statusCode);
    }

    private static Dictionary<string, PartitionDays> Days(PipelineCatalog catalog, DateTimeOffset now)
    {
        var days = new Dictionary<string, PartitionDays>(StringComparer.Ordinal);
        foreach (var pipeline in catalog.All)
        {
            if (pipeline.Partitioning is not { } partitioning) continue;
            var (first, today) = PartitionCalendar.Range(partitioning, now);
            var closed = PartitionCalendar.DayClosedBefore(now, partitioning.TimeZone);
            days[pipeline.Name] = new PartitionDays(Day(first), Day(closed), Day(today));
        }
        return days;
    }

    private static string Day(DateOnly day) => day.ToString(PartitionCalendar.Format, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// After a backfill the handler redirects here with its id and run count. Only those typed values are read
    /// back, never free text, so a crafted link cannot put words on the page.
    /// </summary>
    private static PageAlert? BackfillNotice(DashboardContext context)
    {
        if (!Guid.TryParse(context.Request.GetQuery("backfill"), out var backfillId)
            || !int.TryParse(context.Request.GetQuery("runs"), out var runs) || runs < 0)
            return null;
        return PageAlert.Success($"Backfill {DashboardHtml.ShortId(backfillId)} created {runs} run{(runs == 1 ? "" : "s")}, one per day; they appear under Recent runs.");
    }
}
