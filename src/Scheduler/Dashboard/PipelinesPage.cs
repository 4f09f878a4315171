using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Pipeline.Scheduler.Dashboard.Grid;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// Every pipeline in one compact table: schedule, partitions, its last runs as squares, failed and late days,
/// and a Run-now button; filtered by name and by failures. Each name leads to the pipeline's own page.
/// </summary>
public sealed class PipelinesPage(PipelinesPageModel model) : RazorPage
{
    public override void Execute()
    {
        Layout = new LayoutPage("Pipelines");
        var self = Url.To(DashboardPaths.Pipelines) + Query();
        WriteLiteral($"<div class=\"row js-live\" data-live=\"{(model.Live ? "true" : "false")}\" data-refresh-url=\"{Encode(self)}\"><div class=\"col-md-12\">");
        WriteLiteral("<h1 class=\"page-header\">Pipelines</h1>");
        WriteLiteral(Alert(model.Alert));
        WriteFilter();
        WriteLiteral("<div data-refresh=\"pipelines\">");
        if (model.Rows.Count == 0)
            WriteLiteral($"<div class=\"alert alert-info\">{(model.Total == 0 ? "No pipelines are registered." : "No pipeline matches the filter.")}</div>");
        else
            WriteTable();
        WriteLiteral("</div></div></div>");
    }

    private string Query() =>
        (model.Filter.Length > 0 ? "?name=" + Uri.EscapeDataString(model.Filter) : "") +
        (model.OnlyFailing ? (model.Filter.Length > 0 ? "&" : "?") + "failing=1" : "");

    private void WriteFilter()
    {
        WriteLiteral($"<form method=\"get\" action=\"{Encode(Url.To(DashboardPaths.Pipelines))}\" class=\"form-inline pipelines-filter\" role=\"search\">" +
                     "<div class=\"form-group form-group-sm\"><label for=\"pipelines-name\">Name</label> " +
                     $"<input type=\"search\" class=\"form-control\" id=\"pipelines-name\" name=\"name\" value=\"{Encode(model.Filter)}\" placeholder=\"part of a name\"></div>" +
                     $"<div class=\"checkbox\"><label><input type=\"checkbox\" name=\"failing\" value=\"1\"{(model.OnlyFailing ? " checked" : "")}> has failures</label></div> " +
                     "<button type=\"submit\" class=\"btn btn-sm btn-default\">Filter</button>" +
                     $" <span class=\"text-muted\">{model.Rows.Count} of {model.Total}</span></form>");
    }

    private void WriteTable()
    {
        WriteLiteral("<table class=\"table table-condensed table-hover pipelines-table\"><thead><tr><th>Pipeline</th><th>Schedule</th><th>Partitions</th>" +
                     $"<th>Last {PipelinesPageDispatcher.LastRunCount} runs</th><th class=\"min-width\" title=\"Days whose latest run failed\">Failed</th>" +
                     "<th class=\"min-width\" title=\"Days past their deadline and not done\">Late</th><th class=\"min-width\"></th></tr></thead><tbody>");
        foreach (var row in model.Rows)
        {
            var pipeline = row.Pipeline;
            WriteLiteral($"<tr data-pipeline=\"{Encode(pipeline.Name)}\"><td><a href=\"{Encode(Url.To(DashboardPaths.Pipeline(pipeline.Name)))}\"><strong>{Encode(pipeline.Name)}</strong></a> {PausedBadge(pipeline.Paused)}" +
                         $"<br><small class=\"text-muted\">{Encode(pipeline.Description)}</small></td><td>");
            WriteLiteral(pipeline.Schedule is { } schedule
                ? $"<code>{Encode(schedule.Cron)}</code> <small class=\"text-muted\">{Encode(schedule.TimeZone)}</small><br><small>next {Time(schedule.NextRunAt)}</small>"
                : Muted("when triggered"));
            WriteLiteral("</td><td>");
            WriteLiteral(pipeline.Partitioning is { } partitioning
                ? $"daily from {Encode(partitioning.Start)}<br><small class=\"text-muted\">{Encode(partitioning.TimeZone)}</small>"
                : Muted("none"));
            WriteLiteral($"</td><td class=\"run-squares\">{Squares(row)}</td>");
            WriteLiteral($"<td class=\"min-width js-failed\">{Count(row.FailedDays, "danger")}</td><td class=\"min-width js-late\">{Count(row.LateDays, "late")}</td><td class=\"min-width\">");
            if (row.MayOperate)
            {
                WriteLiteral(FormStart(this, DashboardPaths.Trigger(pipeline.Name), "js-run-form"));
                WriteLiteral($"<input type=\"hidden\" name=\"submission\" value=\"{Guid.NewGuid()}\">" +
                             $"<button type=\"submit\" class=\"btn btn-xs btn-primary\" title=\"{(pipeline.Paused ? "Paused: the run waits until the pipeline is unpaused" : "Run the day that just closed now")}\" aria-label=\"Run {Encode(pipeline.Name)} now\">" +
                             "<span class=\"glyphicon glyphicon-play-circle\"></span> Run now</button></form>");
            }
            WriteLiteral("</td></tr>");
        }
        WriteLiteral("</tbody></table>");
    }

    /// <summary>Oldest to newest, left to right, as in the pipeline page's grid.</summary>
    private string Squares(PipelineRow row)
    {
        if (row.LastRuns.Count == 0) return Muted("never run");
        return string.Concat(row.LastRuns.AsEnumerable().Reverse().Select(run =>
            $"<a class=\"run-square state-{RunGridHtml.Css(run.State.ToString())}\" href=\"{Encode(Url.To(DashboardPaths.Run(run.Id)))}\" " +
            $"title=\"{Encode($"{run.Partition ?? ShortId(run.Id)} · {Words(run.State.ToString())} · {run.CreatedAt:yyyy-MM-dd HH:mm} UTC")}\" data-state=\"{run.State}\"></a>"));
    }

    private static string Count(int? days, string kind) => days switch
    {
        null => Dash,
        0 => Muted("0"),
        { } n => $"<span class=\"label label-{(kind == "late" ? "warning" : kind)}\">{n}</span>",
    };
}
