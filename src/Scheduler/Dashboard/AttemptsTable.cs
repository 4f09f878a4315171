using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// Every attempt of a run's tasks, where it ran and how it ended: this is where an attempt lost with its host
/// (or handed back by a host that stopped cleanly) shows, with the host and the moment it was found.
/// </summary>
public static class AttemptsTable
{
    public static string Html(RunDetail run)
    {
        var rows = run.Tasks.SelectMany(t => t.AttemptHistory.Select(a => (t.Task, Attempt: a))).ToList();
        if (rows.Count == 0) return "";
        var html = new System.Text.StringBuilder(
            "<h3>Attempts</h3><table class=\"table table-condensed js-attempts\"><thead><tr><th>Task</th><th class=\"min-width\">Attempt</th>" +
            "<th>Host</th><th class=\"min-width\">Waited</th><th class=\"min-width\">Started</th><th class=\"min-width\">Finished</th>" +
            "<th class=\"min-width\">Duration</th><th>Outcome</th><th>Detail</th></tr></thead><tbody>");
        foreach (var (task, a) in rows.OrderBy(r => r.Attempt.StartedAt))
        {
            html.Append($"<tr data-task=\"{Encode(task)}\" data-attempt=\"{a.Number}\" data-outcome=\"{a.Outcome}\">")
                .Append($"<td>{Encode(task)}</td><td class=\"min-width\">{a.Number}</td><td><code>{Encode(a.Host)}</code></td>")
                .Append($"<td class=\"min-width\">{Duration(a.QueueWaitSeconds)}</td><td class=\"min-width\">{ClockTime(a.StartedAt)}</td>")
                .Append($"<td class=\"min-width\">{ClockTime(a.FinishedAt)}</td><td class=\"min-width\">{Duration(a.DurationSeconds)}</td>")
                .Append($"<td>{OutcomeLabel(a.Outcome)}</td><td>{Encode(a.Error)}</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static string OutcomeLabel(AttemptOutcome outcome) => $"<span class=\"label label-{outcome switch
    {
        AttemptOutcome.Succeeded => "success",
        AttemptOutcome.Running => "primary",
        AttemptOutcome.Failed or AttemptOutcome.TimedOut or AttemptOutcome.Lost => "danger",
        AttemptOutcome.HandedBack => "warning",
        _ => "default",
    }}\">{Encode(Words(outcome.ToString()))}</span>";
}
