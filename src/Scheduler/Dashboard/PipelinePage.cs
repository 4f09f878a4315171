using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Pipeline.Scheduler.Dashboard.Backfills;
using Pipeline.Scheduler.Dashboard.Calendar;
using Pipeline.Scheduler.Dashboard.Graph;
using Pipeline.Scheduler.Dashboard.Grid;
using Pipeline.Scheduler.Engine.Queries;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// One pipeline: its DAG as a graph coloured by a run, the runs-by-tasks grid, the partition calendar, its
/// schedule and limits, the Run-now and Backfill forms, and its recent runs. Parts marked data-refresh are
/// swapped for fresh copies while a run is under way (pipelines.js).
/// </summary>
public sealed class PipelinePage(PipelinePageModel model) : RazorPage
{
    private PipelineView Pipeline => model.Pipeline;

    public override void Execute()
    {
        Layout = new LayoutPage(Pipeline.Name);
        var self = Url.To(DashboardPaths.Pipeline(Pipeline.Name));
        // A page answering a refused POST keeps its message still: refreshing would drop it.
        var live = model.Live && model.Alert is null;
        WriteLiteral($"<div class=\"row pipeline-page js-live\" data-pipeline=\"{Encode(Pipeline.Name)}\" data-live=\"{(live ? "true" : "false")}\" data-refresh-url=\"{Encode(self)}\">");
        WriteLiteral("<div class=\"col-md-12\"><h1 class=\"page-header\">");
        Write(Pipeline.Name);
        WriteLiteral($" <small>{Encode(Pipeline.Description)}</small> {PausedBadge(Pipeline.Paused)}</h1>");
        WriteLiteral(Alert(model.Alert, Url));
        WriteActions();
        WriteLiteral("</div><div class=\"col-md-9\" id=\"graph\">");
        WriteGraph();
        WriteLiteral("</div><div class=\"col-md-3\">");
        WriteFacts();
        WriteLiteral("</div><div class=\"col-md-12\"><h3>Runs by task</h3><div data-refresh=\"grid\">");
        WriteLiteral(RunGridHtml.Render(model.Grid, model.Shown?.Id, Url));
        WriteLiteral("</div></div>");
        var forms = new PipelineForms(this, Pipeline, model.Days, model.Form, model.Alert);
        WriteLiteral("<div class=\"col-md-8\">");
        if (model.Calendar is { } calendar)
        {
            WriteLiteral($"<h3>Partitions <small>{calendar.Count} days</small></h3><div data-refresh=\"calendar\">");
            PartitionCalendarHtml.Render(calendar, Url, WriteLiteral);
            WriteLiteral("</div>");
        }
        if (Pipeline.Partitioning is not null && model.MayOperate) WriteLiteral(forms.BackfillForm());
        WriteLiteral("</div><div class=\"col-md-4\">");
        WriteLiteral(model.MayOperate ? forms.RunForm() : ReadOnlyNote());
        WriteLiteral("</div><div class=\"col-md-12\">");
        if (Pipeline.Partitioning is not null) WriteBackfills();
        WriteRecentRuns();
        WriteLiteral("</div></div>");
    }

    /// <summary>Back to the overview, and Pause or Unpause: a paused pipeline's schedule makes no runs and its queued runs wait.</summary>
    private void WriteActions()
    {
        WriteLiteral($"<div class=\"btn-toolbar btn-toolbar-top\"><a class=\"btn btn-sm btn-default\" href=\"{Encode(Url.To(DashboardPaths.Pipelines))}\">" +
                     "<span class=\"glyphicon glyphicon-arrow-left\"></span> Pipelines</a>");
        if (!model.MayOperate)
        {
            WriteLiteral("</div>");
            return;
        }
        if (Pipeline.Paused)
        {
            WriteLiteral(FormStart(this, DashboardPaths.Unpause(Pipeline.Name), "btn-group js-unpause-form"));
            WriteLiteral("<button type=\"submit\" class=\"btn btn-sm btn-success\" title=\"Its schedule runs again and its queued runs may start\">" +
                         "<span class=\"glyphicon glyphicon-play\"></span> Unpause</button></form>");
        }
        else
        {
            WriteLiteral(FormStart(this, DashboardPaths.Pause(Pipeline.Name), "btn-group js-pause-form"));
            WriteLiteral("<button type=\"submit\" class=\"btn btn-sm btn-warning\" title=\"Its schedule makes no runs and its queued runs wait until it is unpaused\">" +
                         "<span class=\"glyphicon glyphicon-pause\"></span> Pause</button></form>");
        }
        WriteLiteral("</div>");
    }

    /// <summary>In place of the forms, for a caller who may look but not change: why there are no buttons.</summary>
    private string ReadOnlyNote() =>
        $"<p class=\"text-muted js-read-only\">Running, backfilling and pausing {Encode(Pipeline.Name)} need an operator of it.</p>";

    private void WriteBackfills()
    {
        var backfills = model.Backfills;
        WriteLiteral($"<h3 id=\"backfills\">Backfills <small><a href=\"{Encode(Url.To(DashboardPaths.Backfills(Pipeline.Name)))}\" class=\"js-all-backfills\">" +
                     $"list all {backfills.Total}</a></small></h3><div data-refresh=\"backfills\">");
        WriteLiteral(backfills.Items.Count == 0
            ? "<p class=\"text-muted\">No backfills yet.</p>"
            : BackfillListPage.Table(backfills.Items, Url));
        WriteLiteral("</div>");
    }

    private void WriteGraph()
    {
        WriteLiteral("<h3>Graph");
        if (model.Shown is { } shown)
        {
            WriteLiteral($" <small>coloured by run <a href=\"{Encode(Url.To(DashboardPaths.Run(shown.Id)))}\" class=\"js-shown-run\" data-run=\"{shown.Id}\">" +
                         $"{Encode(shown.Partition ?? ShortId(shown.Id))}</a> {Label(shown.State)}; pick another run above a grid column</small>");
        }
        WriteLiteral("</h3><div class=\"dag-wrap\" data-refresh=\"graph\">");
        var svg = DagSvg.Render(new DagLayout(Pipeline.Tasks), model.ShownStates,
            task => model.Shown is { } run ? Url.To(DashboardPaths.Run(run.Id)) + "#" + DashboardPaths.LogAnchor(task) : null);
        WriteLiteral(svg);
        WriteLiteral("</div>");
    }

    private void WriteFacts()
    {
        WriteLiteral("<h3>Schedule</h3><dl class=\"pipeline-facts\"><dt>Partitions</dt><dd>");
        WriteLiteral(Pipeline.Partitioning is { } partitioning
            ? $"Daily from {Encode(partitioning.Start)} ({Encode(partitioning.TimeZone)})"
            : Muted("Not partitioned"));
        WriteLiteral("</dd><dt>Schedule</dt><dd>");
        WriteLiteral(Pipeline.Schedule is { } schedule
            ? $"<code>{Encode(schedule.Cron)}</code> ({Encode(schedule.TimeZone)})<br>next {Time(schedule.NextRunAt)} UTC"
            : Muted("Only when triggered"));
        WriteLiteral($"</dd><dt>Concurrent runs</dt><dd>at most {Pipeline.MaxConcurrentRuns}</dd><dt>Tasks</dt><dd>{Pipeline.Tasks.Count}, " +
                     $"{Pipeline.Edges.Count} dependencies</dd></dl>");
    }

    private void WriteRecentRuns()
    {
        var runs = model.RecentRuns;
        WriteLiteral("<h3 id=\"recent-runs\">Recent runs</h3><div data-refresh=\"recent\">");
        if (runs.Items.Count == 0)
        {
            WriteLiteral("<p class=\"text-muted\">No runs yet.</p></div>");
            return;
        }
        WriteLiteral("<table class=\"table table-striped table-condensed\"><thead><tr><th>Run</th><th>Partition</th><th>Trigger</th>" +
                     "<th>State</th><th>Created (UTC)</th><th>Duration</th></tr></thead><tbody>");
        foreach (var run in runs.Items)
        {
            WriteLiteral($"<tr data-run-id=\"{run.Id}\"><td><a href=\"{Encode(Url.To(DashboardPaths.Run(run.Id)))}\"><code>{ShortId(run.Id)}</code></a></td><td>");
            WriteLiteral(run.Partition is null ? Dash : Encode(run.Partition));
            WriteLiteral($"</td><td>{Encode(run.Trigger)}");
            if (run.BackfillId is { } backfill)
                WriteLiteral($" <small><a href=\"{Encode(Url.To(DashboardPaths.BackfillPage(backfill)))}\">backfill {ShortId(backfill)}</a></small>");
            WriteLiteral($"</td><td>{Label(run.State)}</td><td>{Time(run.CreatedAt)}</td><td>{Duration(run.DurationSeconds)}</td></tr>");
        }
        WriteLiteral($"</tbody></table><p class=\"text-muted\">{(runs.More ? $"The latest {runs.Items.Count} runs." : runs.Items.Count == 1 ? "Its only run." : $"All {runs.Items.Count} runs.")}</p></div>");
    }
}
