using Hangfire.Dashboard;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>GET /sensors: the live Sensors page, rendered with the current status.</summary>
public sealed class SensorsPageDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head)) return;
        var http = context.GetHttpContext();
        var view = await SensorsStatusDispatcher.LoadAsync(http.RequestServices, http.RequestAborted);
        await DashboardResponses.RenderAsync(context, new SensorsPage(view));
    }
}
