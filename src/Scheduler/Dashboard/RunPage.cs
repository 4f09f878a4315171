using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Pipeline.Scheduler.Dashboard.Timeline;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// One run: what it is, each task's state and attempts with a link to its Hangfire job, the log of every
/// attempt, and the Cancel and Resume buttons. While the run is live the page refreshes its content (pipelines.js).
/// </summary>
public sealed class RunPage(RunPageModel model) : RazorPage
{
    private RunSummary Run => model.Run.Run;

    public override void Execute()
    {
        Layout = new LayoutPage($"Run {ShortId(Run.Id)} of {Run.Pipeline}");
        // A page answering a refused POST keeps its message still: refreshing would drop it.
        var live = !Run.State.IsTerminal() && model.Alert is null;
        WriteLiteral("<div class=\"row\"><div class=\"col-md-12\">");
        // pipelines.js swaps the part marked data-refresh for a fresh copy every second while the run is live.
        WriteLiteral($"<div class=\"js-live js-run-live\" data-live=\"{(live ? "true" : "false")}\" data-refresh-url=\"{Encode(Url.To(DashboardPaths.Run(Run.Id)))}\"><div data-refresh=\"run\">");
        WriteLiteral("<h1 class=\"page-header\">");
        Write(Run.Pipeline);
        WriteLiteral($" <small>run {ShortId(Run.Id)}");
        if (Run.Partition is not null) WriteLiteral($" · {Encode(Run.Partition)}");
        WriteLiteral($"</small> <span class=\"js-run-state\" data-state=\"{Run.State}\">{Label(Run.State)}</span> {PausedBadge(model.Paused)}</h1>");
        WriteLiteral(Alert(model.Alert, Url));
        if (model.WaitsForPause)
            WriteLiteral($"<div class=\"alert alert-warning js-paused-note\">{Encode(Run.Pipeline)} is paused: this run waits in Queued until it is unpaused. " +
                         "<em>Start now</em> runs it anyway (within the pipeline's limit on runs at once).</div>");
        WriteActions();
        WriteSummary();
        WriteTasks();
        WriteLiteral(RunTimelineSvg.Render(model.Run, model.Now));
        WriteLiteral(AttemptsTable.Html(model.Run));
        WriteLiteral(NotificationsTable.Html(model.Run));
        WriteLiteral(AuditTable.Html(model.Audit, Url, showRuns: false));
        WriteLogs();
        WriteLiteral("</div></div></div></div>");
    }

    private void WriteActions()
    {
        var canCancel = model.MayOperate && !Run.State.IsTerminal();
        var canResume = model.MayOperate && Run.State is RunState.Failed or RunState.Cancelled;
        WriteLiteral("<div class=\"btn-toolbar btn-toolbar-top\">");
        WriteLiteral($"<a class=\"btn btn-sm btn-default\" href=\"{Encode(Url.To(DashboardPaths.Pipeline(Run.Pipeline)))}\">" +
                     $"<span class=\"glyphicon glyphicon-arrow-left\"></span> {Encode(Run.Pipeline)}</a>");
        if (canCancel)
        {
            WriteLiteral(FormStart(this, DashboardPaths.Cancel(Run.Id), "btn-group js-cancel-form"));
            WriteLiteral("<button type=\"submit\" class=\"btn btn-sm btn-danger\" onclick=\"return confirm('Cancel this run? Running tasks are stopped.');\">" +
                         "<span class=\"glyphicon glyphicon-stop\"></span> Cancel</button></form>");
        }
        if (model.WaitsForPause && model.MayOperate)
        {
            WriteLiteral(FormStart(this, DashboardPaths.Start(Run.Id), "btn-group js-start-form"));
            WriteLiteral("<button type=\"submit\" class=\"btn btn-sm btn-primary\" title=\"Starts this run although its pipeline is paused\">" +
                         "<span class=\"glyphicon glyphicon-play\"></span> Start now</button></form>");
        }
        if (canResume)
        {
            WriteLiteral(FormStart(this, DashboardPaths.Resume(Run.Id), "btn-group js-resume-form"));
            WriteLiteral("<button type=\"submit\" class=\"btn btn-sm btn-primary\" title=\"Runs the failed and cancelled tasks again; what succeeded is kept\">" +
                         "<span class=\"glyphicon glyphicon-repeat\"></span> Resume</button></form>");
        }
        WriteLiteral("</div>");
    }

    private void WriteSummary()
    {
        WriteLiteral("<table class=\"table table-condensed\" style=\"width:auto\"><tbody>");
        Row("Run", $"<code>{Run.Id}</code>");
        Row("Partition", Run.Partition is null ? Muted("none") : Encode(Run.Partition));
        Row("Trigger", Encode(Run.Trigger) + (Run.BackfillId is { } b
            ? $" <small>of <a href=\"{Encode(Url.To(DashboardPaths.BackfillPage(b)))}\" class=\"js-backfill-link\">backfill {ShortId(b)}</a></small>"
            : ""));
        Row("State", Label(Run.State));
        Row("Created (UTC)", Time(Run.CreatedAt));
        Row("Started (UTC)", Time(Run.StartedAt));
        Row("Finished (UTC)", Time(Run.FinishedAt));
        Row("Duration", Duration(Run.DurationSeconds));
        Row("Parameters", model.Run.Parameters.Count == 0
            ? Muted("none")
            : string.Join("<br>", model.Run.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"<code>{Encode(p.Key)}</code> = {Encode(p.Value)}")));
        WriteLiteral("</tbody></table>");
    }

    private void Row(string name, string html) => WriteLiteral($"<tr><th>{Encode(name)}</th><td>{html}</td></tr>");

    private void WriteTasks()
    {
        WriteLiteral("<h3>Tasks</h3><table class=\"table table-striped\"><thead><tr><th>Task</th><th>State</th><th class=\"min-width\">Attempts</th>" +
                     "<th class=\"min-width\">Queued</th><th class=\"min-width\">Started</th><th class=\"min-width\">Finished</th><th class=\"min-width\">Duration</th>" +
                     "<th>Progress</th><th>Error</th><th>Output</th><th class=\"min-width\">Job</th></tr></thead><tbody>");
        foreach (var task in model.Run.Tasks)
        {
            WriteLiteral($"<tr data-task=\"{Encode(task.Task)}\" data-state=\"{task.State}\" data-attempts=\"{task.Attempts}\"><td><strong>");
            Write(task.Task);
            WriteLiteral($"</strong></td><td>{Label(task.State)}</td><td class=\"min-width\">{task.Attempts} of {task.MaxAttempts}</td>" +
                         $"<td class=\"min-width\">{ClockTime(task.QueuedAt)}</td><td class=\"min-width\">{ClockTime(task.StartedAt)}</td>" +
                         $"<td class=\"min-width\">{ClockTime(task.FinishedAt)}</td><td class=\"min-width\">{Duration(task.DurationSeconds)}</td>" +
                         $"<td>{Progress(task.Progress)}</td><td class=\"text-danger\">");
            if (task.Error is not null) Write(task.Error);
            WriteLiteral("</td><td>");
            if (task.Output is not null) WriteLiteral($"<code title=\"{Encode(task.Output)}\">{Encode(Shorten(task.Output, 120))}</code>");
            WriteLiteral("</td><td class=\"min-width\">");
            if (task.HangfireJobId is { } jobId)
                WriteLiteral($"<a href=\"{Encode(Url.JobDetails(jobId))}\" class=\"js-hangfire-job\" title=\"This attempt in Hangfire\">#{Encode(jobId)}</a>");
            else
                WriteLiteral(Dash);
            WriteLiteral("</td></tr>");
        }
        WriteLiteral("</tbody></table>");
    }

    private void WriteLogs()
    {
        WriteLiteral("<h3>Log</h3>");
        if (model.Logs.Count == 0)
        {
            WriteLiteral("<p class=\"text-muted\">No log lines yet.</p>");
            return;
        }
        if (model.Logs.Count >= model.LogLimit)
            WriteLiteral($"<div class=\"alert alert-warning\">Showing the first {model.LogLimit} lines only.</div>");

        // Tasks in the order of the table above, each attempt on its own.
        var order = model.Run.Tasks.Select((t, i) => (t.Task, i)).ToDictionary(x => x.Task, x => x.i, StringComparer.Ordinal);
        var groups = model.Logs.GroupBy(l => (l.Task, l.Attempt))
            .OrderBy(g => order.GetValueOrDefault(g.Key.Task, int.MaxValue)).ThenBy(g => g.Key.Task, StringComparer.Ordinal).ThenBy(g => g.Key.Attempt);
        string? task = null;
        foreach (var group in groups)
        {
            // Each task's first attempt carries the anchor the pipeline page's grid and graph link to.
            var anchor = group.Key.Task == task ? "" : $" id=\"{Encode(DashboardPaths.LogAnchor(group.Key.Task))}\"";
            task = group.Key.Task;
            WriteLiteral($"<div class=\"js-log-group\" data-task=\"{Encode(group.Key.Task)}\" data-attempt=\"{group.Key.Attempt}\"{anchor}><h4>");
            Write(group.Key.Task);
            WriteLiteral($" <small>attempt {group.Key.Attempt}</small></h4><table class=\"table table-condensed\"><tbody>");
            foreach (var line in group)
                WriteLogLine(line);
            WriteLiteral("</tbody></table></div>");
        }
    }

    private void WriteLogLine(LogLineView line)
    {
        var rowClass = line.Level switch { "Critical" or "Error" => "danger", "Warning" => "warning", _ => "" };
        // An exception's stack trace follows its message on the next lines: fold it away.
        var newline = line.Message.IndexOf('\n');
        var first = newline < 0 ? line.Message : line.Message[..newline].TrimEnd('\r');
        WriteLiteral($"<tr class=\"{rowClass}\"><td class=\"min-width\">{ClockTime(line.Timestamp, "HH:mm:ss.fff")}</td>" +
                     $"<td class=\"min-width\">{LevelLabel(line.Level)}</td><td style=\"word-break:break-word\">{Encode(first)}");
        if (newline >= 0)
            WriteLiteral($"<details><summary class=\"text-muted\">details</summary><pre class=\"stack-trace\">{Encode(line.Message[(newline + 1)..])}</pre></details>");
        WriteLiteral("</td></tr>");
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
