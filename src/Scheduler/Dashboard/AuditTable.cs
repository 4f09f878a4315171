using Hangfire.Dashboard;
using Pipeline.Scheduler.Engine.Controls;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// The changes operators made to a run or a backfill, newest first: when, who, through what (API, CLI, dashboard), from
/// which address, what they did and what it touched. Read from the run store's audit trail as it was written.
/// </summary>
public static class AuditTable
{
    /// <param name="showRuns">Add a column linking the run a change was made to (the backfill page lists its runs' changes too).</param>
    public static string Html(IReadOnlyList<AuditEntry> entries, UrlHelper url, bool showRuns)
    {
        var html = new System.Text.StringBuilder("<h3 id=\"audit\">Changes by operators</h3>");
        if (entries.Count == 0)
            return html.Append("<p class=\"text-muted js-audit-empty\">No one has changed it.</p>").ToString();
        html.Append("<table class=\"table table-condensed js-audit\"><thead><tr><th class=\"min-width\">When (UTC)</th><th>Who</th>" +
                    "<th class=\"min-width\">Via</th><th class=\"min-width\">From</th><th class=\"min-width\">What</th>");
        if (showRuns) html.Append("<th class=\"min-width\">Run</th>");
        html.Append("<th>Details</th></tr></thead><tbody>");
        foreach (var entry in entries)
        {
            var (channel, who) = Split(entry.Actor);
            html.Append($"<tr data-action=\"{Encode(entry.Action)}\"><td class=\"min-width\">{Time(entry.At)}</td>")
                .Append($"<td class=\"js-audit-actor\" title=\"{Encode(entry.Actor)}\">{Encode(who)}</td><td class=\"min-width\">{Encode(channel)}</td>")
                // The caller's address; none for the command line acting on the store itself.
                .Append($"<td class=\"min-width js-audit-address\">{(entry.Address is { } address ? Encode(address) : Dash)}</td>")
                .Append($"<td class=\"min-width\"><code>{Encode(entry.Action)}</code></td>");
            if (showRuns)
            {
                html.Append("<td class=\"min-width\">").Append(entry.RunId is { } run
                    ? $"<a href=\"{Encode(url.To(DashboardPaths.Run(run)))}\"><code>{ShortId(run)}</code></a>"
                    : Muted("whole backfill")).Append("</td>");
            }
            html.Append($"<td>{Encode(entry.Details)}</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>"api:ana (cli:ana@build-01)" is Ana, through the API; an actor written without a channel is shown whole.</summary>
    public static (string Channel, string Who) Split(string actor)
    {
        var colon = actor.IndexOf(':');
        return colon <= 0 ? ("", actor) : (actor[..colon], actor[(colon + 1)..]);
    }
}
