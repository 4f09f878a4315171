using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Controls;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>POST /pipelines/{name}/pause or /unpause: the pipeline page's Pause button. Acts, then shows the pipeline again.</summary>
public sealed class PauseDispatcher(bool pause) : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Post)) return;
        var http = context.GetHttpContext();
        var name = PipelinePageDispatcher.Name(context);
        if (!await DashboardAccess.AllowsAsync(context, AccessLevel.Operator, name)) return;
        var pauses = http.RequestServices.GetRequiredService<PipelinePauses>();
        var actor = DashboardAccess.Actor(context);
        try
        {
            if (pause) await pauses.PauseAsync(name, actor, http.RequestAborted);
            else await pauses.UnpauseAsync(name, actor, http.RequestAborted);
            DashboardResponses.SeeOther(context, DashboardPaths.Pipeline(name));
        }
        catch (Exception error) when (Refusal.From(error) is { } refusal)
        {
            await PipelinePageDispatcher.RenderAsync(context, name, refusal.Alert, form: null, refusal.StatusCode);
        }
    }
}
