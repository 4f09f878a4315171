using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Triggers;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>POST /pipelines/{name}/backfill: the Backfill form. Creates one run per chosen day and returns to the pipeline page.</summary>
public sealed class BackfillDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        if (!DashboardResponses.Allows(context, HttpMethods.Post)) return;
        var http = context.GetHttpContext();
        var pipeline = context.UriMatch.Groups["name"].Value;
        if (!await DashboardAccess.AllowsAsync(context, AccessLevel.Operator, pipeline)) return;
        var form = await DashboardForm.ReadAsync(http);
        try
        {
            var created = await http.RequestServices.GetRequiredService<RunRequests>()
                .BackfillAsync(pipeline, form["from"], form["to"], form["only"], "dashboard",
                    new BackfillSettings(DashboardAccess.Actor(context), MaxConcurrentRuns: null), http.RequestAborted);
            DashboardResponses.SeeOther(context, $"{DashboardPaths.Pipeline(pipeline)}?backfill={created.BackfillId}&runs={created.RunIds.Count}");
        }
        catch (Exception error) when (Refusal.From(error) is { } refusal)
        {
            var echo = new SubmittedForm(pipeline, "backfill", form.Echo("from", "to", "only"));
            await PipelinePageDispatcher.RenderAsync(context, pipeline, refusal.Alert, echo, refusal.StatusCode);
        }
    }
}
