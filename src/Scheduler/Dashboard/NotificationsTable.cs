using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>Who was told about the run and whether it reached them: a notification that could not be delivered shows here, with why.</summary>
public static class NotificationsTable
{
    public static string Html(RunDetail run)
    {
        if (run.Notifications.Count == 0) return "";
        var html = new System.Text.StringBuilder(
            "<h3>Notifications</h3><table class=\"table table-condensed js-notifications\"><thead><tr><th>Event</th><th>Channel</th>" +
            "<th>State</th><th class=\"min-width\">Attempts</th><th class=\"min-width\">Delivered</th><th>Detail</th></tr></thead><tbody>");
        foreach (var n in run.Notifications)
        {
            var detail = n.Error ?? (n.BatchSize > 1 ? $"sent in a summary of {n.BatchSize}" : null);
            html.Append($"<tr data-kind=\"{n.Kind}\" data-state=\"{n.State}\"><td>{Encode(Words(n.Kind.ToString()))}</td>")
                .Append($"<td><code>{Encode(n.Channel)}</code></td><td>{StateLabel(n.State, n.Error)}</td><td class=\"min-width\">{n.Attempts}</td>")
                .Append($"<td class=\"min-width\">{ClockTime(n.DeliveredAt)}</td><td>{Encode(detail)}</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static string StateLabel(NotificationState state, string? error) => state switch
    {
        NotificationState.Delivered => "<span class=\"label label-success\">Delivered</span>",
        NotificationState.Failed => "<span class=\"label label-danger\">Not delivered</span>",
        _ when error is not null => "<span class=\"label label-warning\">Retrying</span>",
        _ => "<span class=\"label label-default\">Pending</span>",
    };
}
