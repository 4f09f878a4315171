using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Execution;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>POST /pipelines/runs/{id}/cancel, /resume or /start: the run page's buttons. Acts, then shows the run again.</summary>
public sealed class RunActionDispatcher(RunAction action) : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Post)) return;
        var http = context.GetHttpContext();
        if (RunPageDispatcher.RunId(context) is not { } runId)
        {
            await RunPageDispatcher.RenderAsync(context, null, null, StatusCodes.Status404NotFound);
            return;
        }

        var pipeline = await http.RequestServices.GetRequiredService<PipelineOfRequest>().OfRunAsync(runId, http.RequestAborted);
        if (!await DashboardAccess.AllowsAsync(context, AccessLevel.Operator, pipeline)) return;
        var control = http.RequestServices.GetRequiredService<RunControl>();
        // Recorded in the audit trail, as the same buttons of the API are.
        var actor = DashboardAccess.Actor(context);
        try
        {
            var known = action switch
            {
                RunAction.Cancel => await control.CancelAsync(runId, actor, http.RequestAborted),
                RunAction.Resume => await control.ResumeAsync(runId, actor, http.RequestAborted),
                RunAction.Start => await http.RequestServices.GetRequiredService<PipelinePauses>().StartDespitePauseAsync(runId, actor, http.RequestAborted),
                _ => throw new ArgumentOutOfRangeException(nameof(action), action, "No such run action."),
            };
            if (known) DashboardResponses.SeeOther(context, DashboardPaths.Run(runId));
            else await RunPageDispatcher.RenderAsync(context, runId, null, StatusCodes.Status404NotFound);
        }
        catch (Exception error) when (Refusal.From(error) is { } refusal)
        {
            await RunPageDispatcher.RenderAsync(context, runId, refusal.Alert, refusal.StatusCode);
        }
    }
}
