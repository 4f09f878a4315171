using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>GET /pipelines/runs/{id}: loads the run with its tasks and log, then renders it.</summary>
public sealed class RunPageDispatcher : IDashboardDispatcher
{
    public const int LogLimit = 2_000;

    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Get, HttpMethods.Head)) return;
        await RenderAsync(context, RunId(context), alert: null, StatusCodes.Status200OK);
    }

    /// <summary>The run id in the path; the route's pattern only promises its shape.</summary>
    public static Guid? RunId(DashboardContext context) =>
        Guid.TryParse(context.UriMatch.Groups["id"].Value, out var id) ? id : null;

    /// <summary>Also used by the Cancel and Resume handlers, to show the run again with the engine's refusal.</summary>
    public static async Task RenderAsync(DashboardContext context, Guid? runId, PageAlert? alert, int statusCode)
    {
        var http = context.GetHttpContext();
        var runs = http.RequestServices.GetRequiredService<RunQueries>();
        var ct = http.RequestAborted;
        if (runId is not { } id || await runs.GetAsync(id, ct) is not { } run)
        {
            var notice = new NoticePage("Run not found",
                PageAlert.Error($"There is no run {runId?.ToString() ?? context.UriMatch.Groups["id"].Value}."));
            await DashboardResponses.RenderAsync(context, notice, StatusCodes.Status404NotFound);
            return;
        }

        var services = http.RequestServices;
        var logs = await runs.LogsAsync(id, task: null, LogLimit, ct);
        var pauses = services.GetRequiredService<PipelinePauses>();
        var paused = await pauses.IsPausedAsync(run.Run.Pipeline, ct);
        var waits = paused && await pauses.WaitsForPauseAsync(id, ct);
        var audit = await services.GetRequiredService<AuditTrail>().ForRunAsync(id, ct);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var model = new RunPageModel(run, logs, LogLimit, alert, now, paused, waits, audit)
        {
            MayOperate = await DashboardAccess.MayAsync(context, AccessLevel.Operator, run.Run.Pipeline),
        };
        await DashboardResponses.RenderAsync(context, new RunPage(model), statusCode);
    }
}
