using System.Globalization;
using System.Text;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard.Timeline;

/// <summary>
/// A run's timeline (Gantt): a row per task attempt on one time axis, the queue wait in a pale shade and the
/// execution in the outcome's colour, so it is plain where the run's time went. Retries are rows of their own.
/// </summary>
public static class RunTimelineSvg
{
    private const double Width = 1100;
    private const double LabelWidth = 190;
    private const double RowHeight = 18;
    private const double RowGap = 5;
    private const double AxisHeight = 22;
    private const int Ticks = 5;

    /// <param name="now">Where an attempt still running ends for now.</param>
    public static string Render(RunDetail run, DateTime now)
    {
        var rows = run.Tasks.SelectMany(t => t.AttemptHistory.Select(a => (t.Task, Attempt: a)))
            .OrderBy(r => r.Attempt.ReadyAt ?? r.Attempt.StartedAt).ThenBy(r => r.Attempt.Number).ToList();
        if (rows.Count == 0) return "";
        var start = rows.Min(r => r.Attempt.ReadyAt ?? r.Attempt.StartedAt);
        var end = rows.Max(r => r.Attempt.FinishedAt ?? now);
        var span = Math.Max(0.001, (end - start).TotalSeconds);
        var scale = (Width - LabelWidth - 10) / span;
        double X(DateTime t) => LabelWidth + Math.Max(0, (t - start).TotalSeconds) * scale;

        var height = AxisHeight + rows.Count * (RowHeight + RowGap);
        var svg = new StringBuilder();
        svg.Append("<h3>Timeline <small>queue wait pale, execution in the outcome's colour; one row per attempt</small></h3>");
        svg.Append(Invariant($"<svg class=\"run-timeline\" id=\"run-timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width:0} {height:0}\" role=\"img\" aria-label=\"Timeline of the run's task attempts\">"));
        for (var i = 0; i <= Ticks; i++)
        {
            var x = LabelWidth + (Width - LabelWidth - 10) * i / Ticks;
            svg.Append(Invariant($"<line class=\"tl-tick\" x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{AxisHeight - 4:0}\" y2=\"{height:0}\"/>"));
            svg.Append(Invariant($"<text class=\"tl-axis\" x=\"{x:0.#}\" y=\"12\" text-anchor=\"{(i == Ticks ? "end" : i == 0 ? "start" : "middle")}\">+{Encode(Plain(Duration(span * i / Ticks)))}</text>"));
        }
        foreach (var ((task, attempt), index) in rows.Select((r, i) => (r, i)))
        {
            var y = AxisHeight + index * (RowHeight + RowGap);
            var finished = attempt.FinishedAt ?? now;
            var title = $"{task}, attempt {attempt.Number}: {Words(attempt.Outcome.ToString()).ToLowerInvariant()} on {attempt.Host}\n" +
                        $"waited {Plain(Duration(attempt.QueueWaitSeconds))}, ran {Plain(Duration((finished - attempt.StartedAt).TotalSeconds))}" +
                        (attempt.Error is { } e ? $"\n{(e.Length > 200 ? e[..200] + "…" : e)}" : "");
            svg.Append(Invariant($"<g class=\"tl-row\" data-task=\"{Encode(task)}\" data-attempt=\"{attempt.Number}\" data-outcome=\"{attempt.Outcome}\"><title>{Encode(title)}</title>"));
            svg.Append(Invariant($"<text class=\"tl-label\" x=\"0\" y=\"{y + 13:0.#}\">{Encode(Shorten(task, 22))} #{attempt.Number}</text>"));
            if (attempt.ReadyAt is { } ready && ready < attempt.StartedAt)
                svg.Append(Invariant($"<rect class=\"tl-wait\" x=\"{X(ready):0.#}\" y=\"{y:0.#}\" width=\"{Math.Max(1, X(attempt.StartedAt) - X(ready)):0.#}\" height=\"{RowHeight:0}\"/>"));
            svg.Append(Invariant($"<rect class=\"tl-run outcome-{attempt.Outcome.ToString().ToLowerInvariant()}\" x=\"{X(attempt.StartedAt):0.#}\" y=\"{y:0.#}\" width=\"{Math.Max(2, X(finished) - X(attempt.StartedAt)):0.#}\" height=\"{RowHeight:0}\"/></g>"));
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Plain(string html) => System.Net.WebUtility.HtmlDecode(html);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
