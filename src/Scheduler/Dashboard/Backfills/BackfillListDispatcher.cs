using Hangfire.Dashboard;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Dashboard.Backfills;

/// <summary>GET /pipelines/{name}/backfills?page=: a pipeline's backfills, from the same query as GET /api/backfills.</summary>
public sealed class BackfillListDispatcher : IDashboardDispatcher
{
    public const int PageSize = 50;

    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head)) return;
        var http = context.GetHttpContext();
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var name = PipelinePageDispatcher.Name(context);
        if (services.GetRequiredService<PipelineCatalog>().Find(name) is null)
        {
            var notice = new NoticePage("Pipeline not found", PageAlert.Error($"There is no pipeline named '{name}'."));
            await DashboardResponses.RenderAsync(context, notice, StatusCodes.Status404NotFound);
            return;
        }

        var page = int.TryParse(context.Request.GetQuery("page"), out var p) ? Math.Clamp(p, 1, 100_000) : 1;
        var backfills = await services.GetRequiredService<BackfillQueries>().ListAsync(name, page, PageSize, ct);
        var paused = await services.GetRequiredService<PipelinePauses>().IsPausedAsync(name, ct);
        await DashboardResponses.RenderAsync(context, new BackfillListPage(name, paused, backfills));
    }
}
