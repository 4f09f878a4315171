using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard.Backfills;

/// <summary>A pipeline's backfills, newest first, each with its range, who made it, its state and a progress bar.</summary>
public sealed class BackfillListPage(string pipeline, bool paused, Page<BackfillSummary> backfills) : RazorPage
{
    public override void Execute()
    {
        Layout = new LayoutPage($"Backfills of {pipeline}");
        var self = Url.To(DashboardPaths.Backfills(pipeline)) + (backfills.PageNumber > 1 ? $"?page={backfills.PageNumber}" : "");
        var live = backfills.Items.Any(b => b.State is BackfillState.Queued or BackfillState.Running);
        WriteLiteral($"<div class=\"row js-live\" data-live=\"{(live ? "true" : "false")}\" data-refresh-url=\"{Encode(self)}\"><div class=\"col-md-12\">");
        WriteLiteral("<h1 class=\"page-header\">");
        Write(pipeline);
        WriteLiteral($" <small>backfills</small> {PausedBadge(paused)}</h1>");
        WriteLiteral($"<p><a class=\"btn btn-sm btn-default\" href=\"{Encode(Url.To(DashboardPaths.Pipeline(pipeline)))}\"><span class=\"glyphicon glyphicon-arrow-left\"></span> {Encode(pipeline)}</a></p>");
        WriteLiteral("<div data-refresh=\"backfills\">");
        if (backfills.Items.Count == 0)
            WriteLiteral("<p class=\"text-muted\">No backfills yet: choose days in the pipeline's calendar and press Backfill.</p>");
        else
            WriteLiteral(Table(backfills.Items, Url));
        WriteLiteral("</div>");
        WritePager();
        WriteLiteral("</div></div>");
    }

    /// <summary>Also the pipeline page's short list of its latest backfills.</summary>
    public static string Table(IReadOnlyList<BackfillSummary> backfills, UrlHelper url)
    {
        var html = new System.Text.StringBuilder("<table class=\"table table-condensed table-striped js-backfills\"><thead><tr><th>Backfill</th><th>Range</th>" +
                                                 "<th>Created by</th><th>Created (UTC)</th><th>State</th><th style=\"width:30%\">Progress</th><th class=\"min-width\">Runs</th></tr></thead><tbody>");
        foreach (var b in backfills)
        {
            html.Append($"<tr data-backfill=\"{b.Id}\" data-state=\"{b.State}\"><td><a href=\"{Encode(url.To(DashboardPaths.BackfillPage(b.Id)))}\"><code>{ShortId(b.Id)}</code></a></td>")
                .Append($"<td>{Encode(b.From)} to {Encode(b.To)}{(b.Filter is { } f ? $" <small class=\"text-muted\">only {Encode(f)}</small>" : "")}</td>")
                .Append($"<td>{(b.CreatedBy is { } by ? Encode(by) : Dash)}</td><td>{Time(b.CreatedAt)}</td>")
                .Append($"<td>{BackfillPage.BackfillStateLabel(b.State)}</td><td>{BackfillProgressHtml.Bar(b)}</td>")
                .Append($"<td class=\"min-width\">{b.FinishedRuns:N0} / {b.TotalRuns:N0}</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private void WritePager()
    {
        var pages = (backfills.Total + backfills.PageSize - 1) / backfills.PageSize;
        if (pages <= 1) return;
        var path = Url.To(DashboardPaths.Backfills(pipeline));
        WriteLiteral("<ul class=\"pager\">");
        if (backfills.PageNumber > 1)
            WriteLiteral($"<li class=\"previous\"><a href=\"{Encode($"{path}?page={backfills.PageNumber - 1}")}\">Newer</a></li>");
        WriteLiteral($"<li><span class=\"text-muted\">page {backfills.PageNumber} of {pages}, {backfills.Total} backfills</span></li>");
        if (backfills.PageNumber < pages)
            WriteLiteral($"<li class=\"next\"><a href=\"{Encode($"{path}?page={backfills.PageNumber + 1}")}\">Older</a></li>");
        WriteLiteral("</ul>");
    }
}
