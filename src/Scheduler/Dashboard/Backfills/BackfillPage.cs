using System.Globalization;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard.Backfills;

/// <summary>
/// One backfill as a whole: its range and who asked for it, a progress bar over its runs by state, throughput and the
/// time left, the runs that need a look (running, failed), Cancel and Retry failed, and the changes operators made
/// to it. While runs are queued or running the page refreshes itself (pipelines.js).
/// </summary>
public sealed class BackfillPage(BackfillPageModel model) : RazorPage
{
    private BackfillSummary Backfill => model.Backfill;

    public override void Execute()
    {
        Layout = new LayoutPage($"Backfill {ShortId(Backfill.Id)} of {Backfill.Pipeline}");
        // A page answering a refused POST keeps its message still: refreshing would drop it.
        var live = model.Live && model.Alert is null;
        WriteLiteral("<div class=\"row\"><div class=\"col-md-12\">");
        WriteLiteral($"<div class=\"js-live backfill-page\" data-backfill=\"{Backfill.Id}\" data-live=\"{(live ? "true" : "false")}\" " +
                     $"data-refresh-url=\"{Encode(Url.To(DashboardPaths.BackfillPage(Backfill.Id)))}\"><div data-refresh=\"backfill\">");
        WriteLiteral("<h1 class=\"page-header\">");
        Write(Backfill.Pipeline);
        WriteLiteral($" <small>backfill {ShortId(Backfill.Id)} · {Encode(Backfill.From)} to {Encode(Backfill.To)}</small> " +
                     $"<span class=\"js-backfill-state\" data-state=\"{Backfill.State}\">{BackfillStateLabel(Backfill.State)}</span> {PausedBadge(model.Paused)}</h1>");
        WriteLiteral(Alert(model.Alert, Url));
        if (model.Paused && model.Runs(RunState.Queued) > 0)
            WriteLiteral($"<div class=\"alert alert-warning js-paused-note\">{Encode(Backfill.Pipeline)} is paused: its {model.Runs(RunState.Queued)} queued " +
                         "run(s) wait until it is unpaused (on its page).</div>");
        WriteActions();
        WriteLiteral("<div class=\"row\"><div class=\"col-md-7\">");
        WriteProgress();
        WriteStates();
        WriteLiteral("</div><div class=\"col-md-5\">");
        WriteFacts();
        WriteLiteral("</div></div>");
        WriteRuns("Running", model.Running, "js-running-runs");
        WriteRuns("Failed", model.Failed, "js-failed-runs");
        WriteLiteral(AuditTable.Html(model.Audit, Url, showRuns: true));
        WriteLiteral("</div></div></div></div>");
    }

    public static string BackfillStateLabel(BackfillState state) => $"<span class=\"label label-{state switch
    {
        BackfillState.Queued => "info",
        BackfillState.Running => "primary",
        BackfillState.Succeeded => "success",
        BackfillState.Failed => "danger",
        _ => "default",
    }}\">{Encode(state.ToString())}</span>";

    private void WriteActions()
    {
        WriteLiteral("<div class=\"btn-toolbar btn-toolbar-top\">");
        WriteLiteral($"<a class=\"btn btn-sm btn-default\" href=\"{Encode(Url.To(DashboardPaths.Pipeline(Backfill.Pipeline)))}\">" +
                     $"<span class=\"glyphicon glyphicon-arrow-left\"></span> {Encode(Backfill.Pipeline)}</a>");
        WriteLiteral($"<a class=\"btn btn-sm btn-default\" href=\"{Encode(Url.To(DashboardPaths.Backfills(Backfill.Pipeline)))}\">All its backfills</a>");
        if (model.CanCancel && model.MayOperate)
        {
            WriteLiteral(FormStart(this, DashboardPaths.CancelBackfill(Backfill.Id), "btn-group js-cancel-backfill-form"));
            WriteLiteral("<button type=\"submit\" class=\"btn btn-sm btn-danger js-cancel-backfill\" " +
                         "onclick=\"return confirm('Cancel this backfill? Its queued runs never start and its running tasks are stopped.');\">" +
                         "<span class=\"glyphicon glyphicon-stop\"></span> Cancel</button></form>");
        }
        if (model.CanRetry && model.MayOperate)
        {
            WriteLiteral(FormStart(this, DashboardPaths.RetryBackfill(Backfill.Id), "btn-group js-retry-backfill-form"));
            WriteLiteral("<button type=\"submit\" class=\"btn btn-sm btn-primary js-retry-backfill\" " +
                         "title=\"Queues its failed and cancelled runs again; in each, what succeeded is kept\">" +
                         "<span class=\"glyphicon glyphicon-repeat\"></span> Retry failed</button></form>");
        }
        WriteLiteral("</div>");
    }

    private void WriteProgress()
    {
        WriteLiteral("<h3>Progress</h3>");
        WriteLiteral(BackfillProgressHtml.Bar(Backfill, large: true));
        WriteLiteral($"<p class=\"js-backfill-finished\"><strong>{Backfill.FinishedRuns:N0}</strong> of {Backfill.TotalRuns:N0} runs finished");
        if (model.Detail.RunsPerMinute is { } perMinute)
            WriteLiteral($" · {Encode(perMinute.ToString(perMinute < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture))} runs a minute");
        if (model.Detail.EstimatedSecondsLeft is { } left)
            WriteLiteral($" · about {Duration(left)} left");
        WriteLiteral("</p>");
    }

    private void WriteStates()
    {
        WriteLiteral("<table class=\"table table-condensed backfill-states\" style=\"width:auto\"><thead><tr>");
        foreach (var state in Enum.GetValues<RunState>())
            WriteLiteral($"<th class=\"text-center\">{Label(state)}</th>");
        WriteLiteral("</tr></thead><tbody><tr>");
        foreach (var state in Enum.GetValues<RunState>())
            WriteLiteral($"<td class=\"text-center\" data-state=\"{state}\">{model.Runs(state):N0}</td>");
        WriteLiteral("</tr></tbody></table>");
    }

    private void WriteFacts()
    {
        var detail = model.Detail;
        WriteLiteral("<table class=\"table table-condensed backfill-facts\"><tbody>");
        var days = DateOnly.ParseExact(Backfill.To, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber
                   - DateOnly.ParseExact(Backfill.From, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber + 1;
        Row("Range", $"{Encode(Backfill.From)} to {Encode(Backfill.To)} <span class=\"text-muted\">({days:N0} days)</span>");
        Row("Days", Backfill.Filter is { } filter ? $"only {Encode(filter)} ({Backfill.TotalRuns:N0} runs)" : $"every day ({Backfill.TotalRuns:N0} runs)");
        Row("Created by", Backfill.CreatedBy is { } by ? Encode(by) : Muted("not recorded"));
        Row("Created (UTC)", Time(Backfill.CreatedAt));
        Row("Runs at once", Backfill.MaxConcurrentRuns is { } limit
            ? $"at most {limit} <span class=\"text-muted\">(its own limit; the pipeline's is {model.PipelineLimit})</span>"
            : $"at most {model.PipelineLimit} <span class=\"text-muted\">(the pipeline's limit)</span>");
        Row("Started (UTC)", Time(detail.StartedAt));
        Row("Finished (UTC)", Time(detail.FinishedAt));
        if (detail.CancelledAt is { } cancelled) Row("Cancelled (UTC)", Time(cancelled));
        Row("Throughput", detail.RunsPerMinute is { } perMinute
            ? Encode(perMinute.ToString("0.##", CultureInfo.InvariantCulture)) + " runs a minute"
            : Dash);
        Row("Time left", detail.EstimatedSecondsLeft is { } left ? "about " + Duration(left) : Dash);
        WriteLiteral("</tbody></table>");
    }

    private void Row(string name, string html) => WriteLiteral($"<tr><th>{Encode(name)}</th><td>{html}</td></tr>");

    private void WriteRuns(string title, IReadOnlyList<RunSummary> runs, string css)
    {
        if (runs.Count == 0) return;
        var of = title == "Failed" && model.Runs(RunState.Failed) > runs.Count ? $" <small>the first {runs.Count} of {model.Runs(RunState.Failed):N0}</small>" : "";
        WriteLiteral($"<h3>{Encode(title)} runs{of}</h3><table class=\"table table-condensed table-striped {css}\"><thead><tr><th>Run</th><th>Partition</th>" +
                     "<th>State</th><th>Started (UTC)</th><th>Duration</th></tr></thead><tbody>");
        foreach (var run in runs)
        {
            var link = Encode(Url.To(DashboardPaths.Run(run.Id)));
            WriteLiteral($"<tr data-run-id=\"{run.Id}\"><td><a href=\"{link}\"><code>{ShortId(run.Id)}</code></a></td>" +
                         $"<td>{(run.Partition is null ? Dash : $"<a href=\"{link}\">{Encode(run.Partition)}</a>")}</td><td>{Label(run.State)}</td>" +
                         $"<td>{Time(run.StartedAt)}</td><td>{Duration(run.DurationSeconds)}</td></tr>");
        }
        WriteLiteral("</tbody></table>");
    }
}
