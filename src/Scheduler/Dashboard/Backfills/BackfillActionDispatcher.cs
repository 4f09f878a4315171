using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Controls;

namespace Pipeline.Scheduler.Dashboard.Backfills;

/// <summary>POST /pipelines/backfills/{id}/cancel or /retry-failed: the backfill page's buttons. Acts, then shows the backfill again.</summary>
public sealed class BackfillActionDispatcher(BackfillAction action) : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Post)) return;
        var http = context.GetHttpContext();
        if (BackfillPageDispatcher.BackfillId(context) is not { } id)
        {
            await BackfillPageDispatcher.RenderAsync(context, null, null, StatusCodes.Status404NotFound);
            return;
        }

        var pipeline = await http.RequestServices.GetRequiredService<PipelineOfRequest>().OfBackfillAsync(id, http.RequestAborted);
        if (!await DashboardAccess.AllowsAsync(context, AccessLevel.Operator, pipeline)) return;
        var control = http.RequestServices.GetRequiredService<BackfillControl>();
        var actor = DashboardAccess.Actor(context);
        try
        {
            string? done = action switch
            {
                BackfillAction.Cancel => await control.CancelAsync(id, actor, http.RequestAborted) is { } c
                    ? $"?cancelled={c.CancelledRuns}&stopping={c.StoppingTasks}"
                    : null,
                BackfillAction.RetryFailed => await control.RetryFailedAsync(id, actor, http.RequestAborted) is { } r
                    ? $"?retried={r.RetriedRuns}&waiting={r.StillStopping}"
                    : null,
                _ => throw new ArgumentOutOfRangeException(nameof(action), action, "No such backfill action."),
            };
            if (done is not null) DashboardResponses.SeeOther(context, DashboardPaths.BackfillPage(id) + done);
            else await BackfillPageDispatcher.RenderAsync(context, id, null, StatusCodes.Status404NotFound);
        }
        catch (Exception error) when (Refusal.From(error) is { } refusal)
        {
            await BackfillPageDispatcher.RenderAsync(context, id, refusal.Alert, refusal.StatusCode);
        }
    }
}
