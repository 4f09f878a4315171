using System.Globalization;
using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>GET /pipelines/{name}: the pipeline page, from the same queries as the API's grid and partitions.</summary>
public sealed class PipelinePageDispatcher : IDashboardDispatcher
{
    public const int GridRuns = 25;
    public const int RecentRunCount = 10;
    public const int BackfillCount = 3;

    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head)) return;
        await RenderAsync(context, Name(context), alert: null, form: null, StatusCodes.Status200OK);
    }

    public static string Name(DashboardContext context) => context.UriMatch.Groups["name"].Value;

    /// <summary>Also used by the form handlers, to show a refused form again with its message.</summary>
    public static async Task RenderAsync(DashboardContext context, string name, PageAlert? alert, SubmittedForm? form, int statusCode)
    {
        var http = context.GetHttpContext();
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var definition = services.GetRequiredService<PipelineCatalog>().Find(name);
        // The page reads the runs it shows itself (grid, recent runs, calendar); the view needs no history of its own.
        if (definition is null || await services.GetRequiredService<PipelineQueries>().GetAsync(name, withHistory: false, ct) is not { } pipeline)
        {
            var notice = new NoticePage("Pipeline not found", PageAlert.Error($"There is no pipeline named '{name}'."));
            await DashboardResponses.RenderAsync(context, notice, StatusCodes.Status404NotFound);
            return;
        }

        var runs = services.GetRequiredService<RunQueries>();
        // The grid, the recent runs, the calendar and the backfills are read side by side, each on its own connection.
        var gridRead = services.GetRequiredService<RunGridQueries>().GridAsync(definition, GridRuns, ct);
        var recentRead = runs.ListAsync(name, null, null, 1, RecentRunCount, ct);
        PartitionDays? days = null;
        Task<IReadOnlyList<PartitionStatus>>? calendarRead = null;
        if (definition.Partitioning is { } partitioning)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var (first, today) = PartitionCalendar.Range(partitioning, now);
            days = new PartitionDays(Day(first), Day(PartitionCalendar.DayClosedBefore(now, partitioning.TimeZone)), Day(today));
            calendarRead = services.GetRequiredService<PartitionQueries>().DaysAsync(definition, first, today, ct);
        }
        var backfillsRead = services.GetRequiredService<BackfillQueries>().ListAsync(name, 1, BackfillCount, ct);
        await Task.WhenAll(new Task?[] { gridRead, recentRead, calendarRead, backfillsRead }.OfType<Task>());
        var grid = await gridRead;
        var (shown, states) = await ShownRunAsync(context, runs, grid, name, ct);
        var recent = await recentRead;
        var calendar = calendarRead is null ? null : await calendarRead;

        var backfills = await backfillsRead;
        alert ??= BackfillNotice(context, pipeline.Paused);
        var model = new PipelinePageModel(pipeline, grid, shown, states, days, calendar, recent, backfills, alert, form)
        {
            MayOperate = await DashboardAccess.MayAsync(context, AccessLevel.Operator, name),
        };
        await DashboardResponses.RenderAsync(context, new PipelinePage(model), statusCode);
    }

    /// <summary>The run picked with <c>?run=</c> if it is one of this pipeline's, else the latest run.</summary>
    private static async Task<(RunSummary?, IReadOnlyDictionary<string, TaskState>?)> ShownRunAsync(
        DashboardContext context, RunQueries runs, RunGrid grid, string name, CancellationToken ct)
    {
        var picked = Guid.TryParse(context.Request.GetQuery("run"), out var id) ? id : (Guid?)null;
        var column = grid.Runs.FirstOrDefault(r => r.Run.Id == picked) ?? (picked is null ? grid.Runs.LastOrDefault() : null);
        if (column is not null) return (column.Run, column.Cells.ToDictionary(c => c.Task, c => c.State, StringComparer.Ordinal));
        if (picked is { } older && await runs.GetAsync(older, ct) is { } run && run.Run.Pipeline == name)
            return (run.Run, run.Tasks.ToDictionary(t => t.Task, t => t.State, StringComparer.Ordinal));
        return (grid.Runs.LastOrDefault()?.Run, grid.Runs.LastOrDefault()?.Cells.ToDictionary(c => c.Task, c => c.State, StringComparer.Ordinal));
    }

    private static string Day(DateOnly day) => day.ToString(PartitionCalendar.Format, CultureInfo.InvariantCulture);

    /// <summary>
    /// After a backfill the handler redirects here with its id and run count. Only those typed values are read
    /// back, never free text, so a crafted link cannot put words on the page.
    /// </summary>
    private static PageAlert? BackfillNotice(DashboardContext context, bool paused)
    {
        if (!Guid.TryParse(context.Request.GetQuery("backfill"), out var backfillId)
            || !int.TryParse(context.Request.GetQuery("runs"), out var runs) || runs < 0)
            return null;
        var link = DashboardPaths.BackfillPage(backfillId);
        if (runs == 0)
            return new PageAlert("info", $"Backfill {DashboardHtml.ShortId(backfillId)} found no day in the range to run.", Link: link, LinkText: "Open the backfill");
        var wait = paused ? " The pipeline is paused: they wait until it is unpaused." : "";
        return new PageAlert(paused ? "warning" : "success",
            $"Backfill {DashboardHtml.ShortId(backfillId)} created {runs} run{(runs == 1 ? "" : "s")}, one per day; they appear in the grid and the calendar.{wait}",
            Link: link, LinkText: "Follow its progress");
    }
}
