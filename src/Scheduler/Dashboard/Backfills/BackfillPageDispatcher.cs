using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Dashboard.Backfills;

/// <summary>GET /pipelines/backfills/{id}: one backfill, from the same query as GET /api/backfills/{id}.</summary>
public sealed class BackfillPageDispatcher : IDashboardDispatcher
{
    public const int FailedShown = 20;
    public const int AuditShown = 100;

    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head)) return;
        await RenderAsync(context, BackfillId(context), Notice(context), StatusCodes.Status200OK);
    }

    public static Guid? BackfillId(DashboardContext context) =>
        Guid.TryParse(context.UriMatch.Groups["id"].Value, out var id) ? id : null;

    /// <summary>Also used by the Cancel and Retry-failed handlers, to show the backfill again with the engine's refusal.</summary>
    public static async Task RenderAsync(DashboardContext context, Guid? backfillId, PageAlert? alert, int statusCode)
    {
        var http = context.GetHttpContext();
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var backfills = services.GetRequiredService<BackfillQueries>();
        if (backfillId is not { } id || await backfills.GetAsync(id, ct) is not { } detail)
        {
            var notice = new NoticePage("Backfill not found",
                PageAlert.Error($"There is no backfill {backfillId?.ToString() ?? context.UriMatch.Groups["id"].Value}."));
            await DashboardResponses.RenderAsync(context, notice, StatusCodes.Status404NotFound);
            return;
        }

        var pipeline = detail.Backfill.Pipeline;
        var paused = await services.GetRequiredService<PipelinePauses>().IsPausedAsync(pipeline, ct);
        var limit = services.GetRequiredService<PipelineCatalog>().Find(pipeline)?.MaxConcurrentRuns ?? 0;
        var running = await backfills.RunsAsync(id, RunState.Running, limit > 0 ? limit : FailedShown, ct);
        var failed = await backfills.RunsAsync(id, RunState.Failed, FailedShown, ct);
        var audit = await services.GetRequiredService<AuditTrail>().ForBackfillAndItsRunsAsync(id, AuditShown, ct);
        var model = new BackfillPageModel(detail, paused, limit, running, failed, audit, alert)
        {
            MayOperate = await DashboardAccess.MayAsync(context, AccessLevel.Operator, pipeline),
        };
        await DashboardResponses.RenderAsync(context, new BackfillPage(model), statusCode);
    }

    /// <summary>
    /// After Cancel or Retry failed the handler redirects here with what was done, as numbers. Only those typed values
    /// are read back, never free text, so a crafted link cannot put words on the page.
    /// </summary>
    private static PageAlert? Notice(DashboardContext context)
    {
        if (int.TryParse(context.Request.GetQuery("cancelled"), out var cancelled) && cancelled >= 0)
        {
            var stopping = int.TryParse(context.Request.GetQuery("stopping"), out var s) && s > 0 ? $"; {s} running task(s) asked to stop" : "";
            return PageAlert.Success($"Cancelled {cancelled} run(s){stopping}.");
        }
        if (int.TryParse(context.Request.GetQuery("retried"), out var retried) && retried >= 0)
        {
            var waiting = int.TryParse(context.Request.GetQuery("waiting"), out var w) && w > 0 ? $"; {w} still stopping, press again in a moment" : "";
            return PageAlert.Success($"Queued {retried} failed or cancelled run(s) again{waiting}.");
        }
        return null;
    }
}
