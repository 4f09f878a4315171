using System.Globalization;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Store;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard.Backfills;

/// <summary>
/// A backfill's progress as one bar: a segment per state of its runs (succeeded, failed, cancelled, running), in the
/// state colours of the other pages; what is left of the bar is the runs still queued.
/// </summary>
public static class BackfillProgressHtml
{
    private static readonly (RunState State, string Css)[] Segments =
    [
        (RunState.Succeeded, "state-succeeded"),
        (RunState.Failed, "state-failed"),
        (RunState.Cancelled, "state-cancelled"),
        (RunState.Running, "state-running"),
    ];

    public static string Bar(BackfillSummary backfill, bool large = false)
    {
        var total = backfill.TotalRuns;
        var percent = total == 0 ? 100 : Math.Floor(100.0 * backfill.FinishedRuns / total);
        var text = Percent(percent);
        var html = new System.Text.StringBuilder(
            $"<div class=\"progress backfill-progress{(large ? " backfill-progress-large" : "")} js-backfill-progress\" role=\"progressbar\" " +
            $"aria-valuenow=\"{text}\" aria-valuemin=\"0\" aria-valuemax=\"100\" " +
            $"aria-label=\"{Encode($"{backfill.FinishedRuns} of {total} runs finished")}\" data-finished=\"{backfill.FinishedRuns}\" data-total=\"{total}\">");
        foreach (var (state, css) in Segments)
        {
            var count = backfill.RunsByState.GetValueOrDefault(state);
            if (count == 0 || total == 0) continue;
            html.Append($"<div class=\"progress-bar backfill-segment {css}\" data-state=\"{state}\" style=\"width:{Percent(100.0 * count / total)}%\" " +
                        $"title=\"{Encode($"{count} {Words(state.ToString()).ToLowerInvariant()}")}\"></div>");
        }
        return html.Append($"<span class=\"backfill-progress-text\">{text}%</span></div>").ToString();
    }

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
