using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Dashboard.Graph;

/// <summary>
/// Places a DAG's tasks left to right: each task one layer right of its deepest upstream, and within a layer
/// ordered by the mean position of its neighbours (a few sweeps each way), which untangles the crossings of
/// the DAGs we ship. Plain arithmetic, no layout engine: pipelines here have at most a few dozen tasks.
/// </summary>
public sealed class DagLayout
{
    public const double NodeWidth = 184;
    public const double NodeHeight = 46;
    public const double LayerGap = 56;
    public const double RowGap = 18;
    public const double Margin = 8;
    private const int Sweeps = 4;

    public sealed record Node(TaskView Task, int Layer, int Row, double X, double Y);

    public sealed record Edge(Node From, Node To);

    public IReadOnlyList<Node> Nodes { get; }
    public IReadOnlyList<Edge> Edges { get; }
    public double Width { get; }
    public double Height { get; }

    public DagLayout(IReadOnlyList<TaskView> tasks)
    {
        var layerOf = DagLevels.Order(tasks).ToDictionary(t => t.Task.Name, t => t.Level - 1, StringComparer.Ordinal);
        var layers = tasks.GroupBy(t => layerOf[t.Name]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var downstream = tasks.SelectMany(t => t.Upstream.Select(u => (From: u, To: t.Name))).ToLookup(e => e.From, e => e.To);
        Untangle(layers, downstream);

        var tallest = layers.Count == 0 ? 0 : layers.Max(l => l.Count);
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var (layer, index) in layers.Select((l, i) => (l, i)))
        {
            // Each layer centred on the tallest one, so a lone join sits level with the middle of its fan-in.
            var offset = (tallest - layer.Count) * (NodeHeight + RowGap) / 2;
            foreach (var (task, row) in layer.Select((t, r) => (t, r)))
                nodes[task.Name] = new Node(task, index, row, Margin + index * (NodeWidth + LayerGap), Margin + offset + row * (NodeHeight + RowGap));
        }

        Nodes = tasks.Select(t => nodes[t.Name]).ToList();
        Edges = tasks.SelectMany(t => t.Upstream.Where(nodes.ContainsKey).Select(u => new Edge(nodes[u], nodes[t.Name]))).ToList();
        Width = 2 * Margin + Math.Max(1, layers.Count) * NodeWidth + Math.Max(0, layers.Count - 1) * LayerGap;
        Height = 2 * Margin + Math.Max(1, tallest) * NodeHeight + Math.Max(0, tallest - 1) * RowGap;
    }

    /// <summary>Barycentre ordering: down the layers by upstream positions, then back up by downstream ones.</summary>
    private static void Untangle(List<List<TaskView>> layers, ILookup<string, string> downstream)
    {
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            for (var i = 1; i < layers.Count; i++)
                Reorder(layers[i], layers[i - 1], t => t.Upstream);
            for (var i = layers.Count - 2; i >= 0; i--)
                Reorder(layers[i], layers[i + 1], t => downstream[t.Name]);
        }
    }

    private static void Reorder(List<TaskView> layer, List<TaskView> neighbours, Func<TaskView, IEnumerable<string>> linked)
    {
        var position = neighbours.Select((t, i) => (t.Name, i)).ToDictionary(x => x.Name, x => (double)x.i, StringComparer.Ordinal);
        var keyed = layer.Select((task, index) =>
        {
            var near = linked(task).Where(position.ContainsKey).Select(n => position[n]).ToList();
            // A task with no neighbour on that side keeps its place.
            return (Task: task, Key: near.Count == 0 ? index : near.Average(), Index: index);
        }).OrderBy(x => x.Key).ThenBy(x => x.Index).Select(x => x.Task).ToList();
        layer.Clear();
        layer.AddRange(keyed);
    }
}
