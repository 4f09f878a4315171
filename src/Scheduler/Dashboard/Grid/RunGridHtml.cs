using System.Globalization;
using System.Text;
using Hangfire.Dashboard;
using Pipeline.Scheduler.Engine.Queries;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard.Grid;

/// <summary>
/// The runs-by-tasks grid: a column per run (oldest left) under a bar as tall as the run was long, a row per
/// task, each cell a link to that task's log in that run with its attempts in the tooltip. A column's bar picks
/// the run the graph shows.
/// </summary>
public static class RunGridHtml
{
    private const double BarPixels = 36;

    public static string Render(RunGrid grid, Guid? selected, UrlHelper url)
    {
        if (grid.Runs.Count == 0) return "<p class=\"text-muted\">No runs yet: start one below with Run now, or wait for the schedule.</p>";
        var longest = grid.Runs.Max(r => r.Run.DurationSeconds ?? 0);
        var html = new StringBuilder("<div class=\"run-grid-wrap\"><table class=\"run-grid\" id=\"run-grid\"><thead><tr><th class=\"run-grid-corner\">Task \\ run</th>");
        foreach (var column in grid.Runs)
        {
            var run = column.Run;
            var height = longest <= 0 ? 2 : 2 + BarPixels * (run.DurationSeconds ?? 0) / longest;
            var title = $"{run.Partition ?? "no partition"} · {Words(run.State.ToString())} · {Plain(Duration(run.DurationSeconds))} · {run.Trigger} · {run.CreatedAt:yyyy-MM-dd HH:mm} UTC";
            var pick = url.To(DashboardPaths.Pipeline(grid.Pipeline)) + $"?run={run.Id}#graph";
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"{Selected(run.Id, selected)}\"><a class=\"run-bar-link\" href=\"{Encode(pick)}\" title=\"{Encode(title)}\" data-run=\"{run.Id}\" aria-label=\"Show run {Encode(run.Partition ?? ShortId(run.Id))} in the graph\">");
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"run-bar state-{Css(run.State.ToString())}\" style=\"height:{height:0}px\"></span></a></th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var task in grid.Tasks)
        {
            html.Append($"<tr data-task=\"{Encode(task)}\"><th scope=\"row\" title=\"{Encode(task)}\">{Encode(task)}</th>");
            foreach (var column in grid.Runs)
                html.Append($"<td class=\"{Selected(column.Run.Id, selected)}\">{Cell(column, task, url)}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
        return html.ToString();
    }

    private static string Cell(GridRun column, string task, UrlHelper url)
    {
        var cell = column.Cells.FirstOrDefault(c => c.Task == task);
        if (cell is null) return "<span class=\"grid-cell state-none\" title=\"Not in this run\"></span>";
        var title = $"{task} · {column.Run.Partition ?? ShortId(column.Run.Id)}\n{Words(cell.State.ToString())}, attempt {cell.Attempts} of {cell.MaxAttempts}";
        if (cell.DurationSeconds is { } seconds) title += $", {Plain(Duration(seconds))}";
        foreach (var attempt in cell.AttemptHistory)
            title += $"\n#{attempt.Number} {Words(attempt.Outcome.ToString()).ToLowerInvariant()} on {attempt.Host}, waited {Plain(Duration(attempt.QueueWaitSeconds))}, ran {Plain(Duration(attempt.DurationSeconds))}";
        if (cell.Error is { } error) title += $"\n{(error.Length > 200 ? error[..200] + "…" : error)}";
        var href = url.To(DashboardPaths.Run(column.Run.Id)) + "#" + DashboardPaths.LogAnchor(task);
        return $"<a class=\"grid-cell state-{Css(cell.State.ToString())}\" href=\"{Encode(href)}\" title=\"{Encode(title)}\" " +
               $"data-run=\"{column.Run.Id}\" data-task=\"{Encode(task)}\" data-state=\"{cell.State}\"></a>";
    }

    private static string Selected(Guid run, Guid? selected) => run == selected ? "selected" : "";

    public static string Css(string state) => state.ToLowerInvariant();

    private static string Plain(string html) => System.Net.WebUtility.HtmlDecode(html);
}
