using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Pipeline.Scheduler.Engine.Queries;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// Every pipeline with its DAG, partitions, schedule, last run and the forms that start runs and backfills;
/// then the latest runs across pipelines.
/// </summary>
public sealed class PipelinesPage(PipelinesPageModel model) : RazorPage
{
    public override void Execute()
    {
        Layout = new LayoutPage("Pipelines");
        WriteLiteral("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Pipelines</h1>");
        WriteLiteral(Alert(model.Alert));
        if (model.Pipelines.Count == 0)
            WriteLiteral("<div class=\"alert alert-info\">No pipelines are registered.</div>");
        foreach (var pipeline in model.Pipelines)
            WritePipeline(pipeline);
        WriteRecentRuns();
        WriteLiteral("</div></div>");
    }

    private void WritePipeline(PipelineView pipeline)
    {
        WriteLiteral($"<div class=\"panel panel-default\" id=\"{Encode(DashboardPaths.PipelineAnchor(pipeline.Name))}\" data-pipeline=\"{Encode(pipeline.Name)}\">");
        WriteLiteral("<div class=\"panel-heading\"><h3 class=\"panel-title\"><strong>");
        Write(pipeline.Name);
        WriteLiteral("</strong></h3></div><div class=\"panel-body\">");
        if (!string.IsNullOrWhiteSpace(pipeline.Description))
        {
            WriteLiteral("<p>");
            Write(pipeline.Description);
            WriteLiteral("</p>");
        }
        WriteLiteral("<div class=\"row\"><div class=\"col-md-6\">");
        WriteTasks(pipeline);
        WriteLiteral("</div><div class=\"col-md-3\">");
        WriteFacts(pipeline);
        WriteLiteral("</div><div class=\"col-md-3\">");
        WriteRunForm(pipeline);
        if (pipeline.Partitioning is not null) WriteBackfillForm(pipeline);
        WriteLiteral("</div></div></div></div>");
    }

    private void WriteTasks(PipelineView pipeline)
    {
        WriteLiteral("<h4>Tasks</h4><table class=\"table table-condensed table-striped\"><thead><tr>" +
                     "<th class=\"min-width\" title=\"A task runs after every task of the levels above that it depends on\">Level</th>" +
                     "<th>Task</th><th>After</th><th class=\"min-width\">Attempts</th><th class=\"min-width\">Timeout</th><th class=\"min-width\">Queue</th>" +
                     "</tr></thead><tbody>");
        foreach (var (level, task) in DagLevels.Order(pipeline.Tasks))
        {
            WriteLiteral($"<tr data-task=\"{Encode(task.Name)}\"><td>{level}</td><td><strong>");
            Write(task.Name);
            WriteLiteral("</strong></td><td>");
            if (task.Upstream.Count == 0) WriteLiteral(Dash);
            else Write(string.Join(", ", task.Upstream));
            WriteLiteral($"</td><td>{task.MaxAttempts}</td><td>{Duration(task.TimeoutSeconds)}</td><td>");
            Write(task.Queue);
            WriteLiteral("</td></tr>");
        }
        WriteLiteral("</tbody></table>");
    }

    private void WriteFacts(PipelineView pipeline)
    {
        WriteLiteral("<h4>Schedule</h4><dl><dt>Partitions</dt><dd>");
        if (pipeline.Partitioning is { } partitioning)
            WriteLiteral($"Daily from {Encode(partitioning.Start)} ({Encode(partitioning.TimeZone)})");
        else
            WriteLiteral(Muted("Not partitioned"));

        WriteLiteral("</dd><dt>Schedule</dt><dd>");
        if (pipeline.Schedule is { } schedule)
            WriteLiteral($"<code>{Encode(schedule.Cron)}</code> ({Encode(schedule.TimeZone)})<br>next {Time(schedule.NextRunAt)} UTC");
        else
            WriteLiteral(Muted("Only when triggered"));

        WriteLiteral($"</dd><dt>Concurrent runs</dt><dd>at most {pipeline.MaxConcurrentRuns}</dd><dt>Last run</dt><dd>");
        if (pipeline.LastRun is { } last)
        {
            WriteLiteral($"<a href=\"{Encode(Url.To(DashboardPaths.Run(last.Id)))}\" class=\"js-last-run\">{Label(last.State)}</a> ");
            if (last.Partition is not null) Write(last.Partition);
            WriteLiteral($"<br><small class=\"text-muted\">{Time(last.CreatedAt)} UTC</small>");
        }
        else
        {
            WriteLiteral(Muted("Never run"));
        }
        WriteLiteral("</dd></dl>");
    }

    private void WriteRunForm(PipelineView pipeline)
    {
        var echo = Echo(pipeline, "run");
        var id = DashboardPaths.PipelineAnchor(pipeline.Name);
        WriteLiteral("<h4>Run now</h4>");
        WriteLiteral(FormStart(this, DashboardPaths.Trigger(pipeline.Name), "js-run-form"));
        // A fresh key per rendered form: a double click or a resubmitted page starts one run, not two.
        WriteLiteral($"<input type=\"hidden\" name=\"submission\" value=\"{Guid.NewGuid()}\">");
        if (model.Days.TryGetValue(pipeline.Name, out var days))
        {
            WriteLiteral($"<div class=\"form-group form-group-sm{ErrorClass(echo, "partition")}\"><label class=\"control-label\" for=\"{Encode(id)}-partition\">Partition</label>" +
                         $"<input type=\"text\" class=\"form-control\" id=\"{Encode(id)}-partition\" name=\"partition\" value=\"{Encode(echo?.Value("partition"))}\" " +
                         $"placeholder=\"{Encode(days.ClosedDay)}\" autocomplete=\"off\">" +
                         $"<span class=\"help-block\">yyyy-MM-dd; empty runs {Encode(days.ClosedDay)}, the day that just closed.</span></div>");
        }
        WriteLiteral($"<div class=\"form-group form-group-sm{ErrorClass(echo, FormParameters.Field)}\"><label class=\"control-label\" for=\"{Encode(id)}-parameters\">Parameters</label>" +
                     $"<textarea class=\"form-control\" id=\"{Encode(id)}-parameters\" name=\"{FormParameters.Field}\" rows=\"2\" placeholder=\"name=value, one per line\">" +
                     $"{Encode(echo?.Value(FormParameters.Field))}</textarea></div>" +
                     "<button type=\"submit\" class=\"btn btn-sm btn-primary\"><span class=\"glyphicon glyphicon-play-circle\"></span> Run now</button></form>");
    }

    private void WriteBackfillForm(PipelineView pipeline)
    {
        var echo = Echo(pipeline, "backfill");
        var id = DashboardPaths.PipelineAnchor(pipeline.Name);
        var days = model.Days.GetValueOrDefault(pipeline.Name);
        var range = days is null ? "" : $" min=\"{Encode(days.First)}\" max=\"{Encode(days.Today)}\"";
        WriteLiteral("<h4>Backfill</h4>");
        WriteLiteral(FormStart(this, DashboardPaths.Backfill(pipeline.Name), "js-backfill-form"));
        foreach (var (name, text) in new[] { ("from", "From"), ("to", "To") })
        {
            WriteLiteral($"<div class=\"form-group form-group-sm{ErrorClass(echo, name)}\"><label class=\"control-label\" for=\"{Encode(id)}-{name}\">{text}</label>" +
                         $"<input type=\"date\" class=\"form-control\" id=\"{Encode(id)}-{name}\" name=\"{name}\" value=\"{Encode(echo?.Value(name))}\"{range} required></div>");
        }
        WriteLiteral("<button type=\"submit\" class=\"btn btn-sm btn-default\"><span class=\"glyphicon glyphicon-repeat\"></span> Backfill</button>" +
                     "<span class=\"help-block\">One run per day, both days included.</span></form>");
    }

    private void WriteRecentRuns()
    {
        var runs = model.RecentRuns;
        WriteLiteral("<h3 id=\"recent-runs\">Recent runs</h3>");
        if (runs.Items.Count == 0)
        {
            WriteLiteral("<div class=\"alert alert-info\">No runs yet: start one with Run now, or wait for a schedule.</div>");
            return;
        }
        WriteLiteral("<table class=\"table table-striped\"><thead><tr><th>Run</th><th>Pipeline</th><th>Partition</th><th>Trigger</th>" +
                     "<th>State</th><th>Created (UTC)</th><th>Duration</th></tr></thead><tbody>");
        foreach (var run in runs.Items)
        {
            WriteLiteral($"<tr data-run-id=\"{run.Id}\"><td><a href=\"{Encode(Url.To(DashboardPaths.Run(run.Id)))}\"><code>{ShortId(run.Id)}</code></a></td><td>");
            Write(run.Pipeline);
            WriteLiteral("</td><td>");
            WriteLiteral(run.Partition is null ? Dash : Encode(run.Partition));
            WriteLiteral("</td><td>");
            Write(run.Trigger);
            if (run.BackfillId is { } backfill) WriteLiteral($" <small class=\"text-muted\">backfill {ShortId(backfill)}</small>");
            WriteLiteral($"</td><td>{Label(run.State)}</td><td>{Time(run.CreatedAt)}</td><td>{Duration(run.DurationSeconds)}</td></tr>");
        }
        WriteLiteral($"</tbody></table><p class=\"text-muted\">The latest {runs.Items.Count} of {runs.Total} runs.</p>");
    }

    private SubmittedForm? Echo(PipelineView pipeline, string action) =>
        model.Form is { } form && form.Pipeline == pipeline.Name && form.Action == action ? form : null;

    private string ErrorClass(SubmittedForm? echo, string field) =>
        echo is not null && model.Alert?.Field == field ? " has-error" : "";
}
