using System.Globalization;
using System.Text;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard.Graph;

/// <summary>
/// A DAG as an SVG picture: a box per task (name, retry policy, queue), a curved arrow per dependency. With a
/// run's task states the boxes take the state's colour and link to the task's log in that run.
/// </summary>
public static class DagSvg
{
    private const int NameLength = 24;

    /// <param name="states">The task states of the run shown, or null to draw the DAG alone.</param>
    /// <param name="link">Where a task's box leads (its log in the run shown), or null for no link.</param>
    public static string Render(DagLayout layout, IReadOnlyDictionary<string, TaskState>? states, Func<string, string?> link)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"dag\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {layout.Width:0} {layout.Height:0}\" width=\"{layout.Width:0}\" role=\"img\" aria-label=\"The pipeline's tasks and their dependencies\">"));
        svg.Append("<defs><marker id=\"dag-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">" +
                   "<path d=\"M 0 0 L 10 5 L 0 10 z\" class=\"dag-arrowhead\"/></marker></defs>");
        foreach (var edge in layout.Edges) svg.Append(EdgePath(edge));
        foreach (var node in layout.Nodes) svg.Append(NodeBox(node, states?.GetValueOrDefault(node.Task.Name), states is not null, link(node.Task.Name)));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string EdgePath(DagLayout.Edge edge)
    {
        var (x1, y1) = (edge.From.X + DagLayout.NodeWidth, edge.From.Y + DagLayout.NodeHeight / 2);
        var (x2, y2) = (edge.To.X - 1, edge.To.Y + DagLayout.NodeHeight / 2);
        var bend = Math.Max(24, (x2 - x1) / 2);
        return Invariant($"<path class=\"dag-edge\" data-from=\"{Encode(edge.From.Task.Name)}\" data-to=\"{Encode(edge.To.Task.Name)}\" ") +
               Invariant($"d=\"M {x1:0.#} {y1:0.#} C {x1 + bend:0.#} {y1:0.#}, {x2 - bend:0.#} {y2:0.#}, {x2:0.#} {y2:0.#}\" marker-end=\"url(#dag-arrow)\"/>");
    }

    private static string NodeBox(DagLayout.Node node, TaskState? state, bool hasRun, string? href)
    {
        var task = node.Task;
        var stateClass = hasRun ? " state-" + (state?.ToString().ToLowerInvariant() ?? "none") : "";
        var details = $"{(task.MaxAttempts <= 1 ? "no retry" : $"{task.MaxAttempts} attempts")} · queue {task.Queue}";
        var title = $"{task.Name}\n{Retry(task)}, queue {task.Queue}\ntimeout {TextDuration(task.TimeoutSeconds)}" + (hasRun ? $"\n{(state is { } s ? Words(s.ToString()) : "not in this run")}" : "");
        var box = new StringBuilder();
        box.Append(href is null ? "<g" : $"<a href=\"{Encode(href)}\"");
        box.Append(Invariant($" class=\"dag-node{stateClass}\" data-task=\"{Encode(task.Name)}\" data-state=\"{state?.ToString() ?? ""}\" transform=\"translate({node.X:0.#} {node.Y:0.#})\">"));
        box.Append($"<title>{Encode(title)}</title>");
        box.Append(Invariant($"<rect width=\"{DagLayout.NodeWidth:0}\" height=\"{DagLayout.NodeHeight:0}\" rx=\"5\"/>"));
        box.Append($"<text x=\"10\" y=\"19\" class=\"dag-name\">{Encode(Shorten(task.Name, NameLength))}</text>");
        box.Append($"<text x=\"10\" y=\"36\" class=\"dag-details\">{Encode(Shorten(details, NameLength + 8))}</text>");
        box.Append(href is null ? "</g>" : "</a>");
        return box.ToString();
    }

    private static string Retry(TaskView task) => task.MaxAttempts <= 1
        ? "no retry"
        : $"{task.MaxAttempts} attempts, retried after {TextDuration(task.InitialRetryDelaySeconds)} up to {TextDuration(task.MaxRetryDelaySeconds)}";

    private static string TextDuration(double seconds) => System.Net.WebUtility.HtmlDecode(Duration(seconds));

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
