using Hangfire.Dashboard;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Triggers;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>POST /pipelines/{name}/run: the Run-now form. Starts a run and shows its page.</summary>
public sealed class TriggerRunDispatcher : IDashboardDispatcher
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
            var parameters = FormParameters.Parse(form[FormParameters.Field]);
            var runId = await http.RequestServices.GetRequiredService<RunRequests>()
                .TriggerAsync(pipeline, form["partition"], parameters, "dashboard", IdempotencyKey(pipeline, form), http.RequestAborted,
                    DashboardAccess.Actor(context));
            DashboardResponses.SeeOther(context, DashboardPaths.Run(runId));
        }
        catch (Exception error) when (Refusal.From(error) is { } refusal)
        {
            var echo = new SubmittedForm(pipeline, "run", form.Echo("partition", FormParameters.Field));
            await PipelinePageDispatcher.RenderAsync(context, pipeline, refusal.Alert, echo, refusal.StatusCode);
        }
    }

    /// <summary>The form carries a key made when it was rendered; the same form sent twice starts one run.</summary>
    private static string? IdempotencyKey(string pipeline, DashboardForm form) =>
        Guid.TryParse(form["submission"], out var submission) ? $"dashboard:{pipeline}:{submission:N}" : null;
}
