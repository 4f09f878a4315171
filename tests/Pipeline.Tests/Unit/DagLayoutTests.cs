using Pipeline.Scheduler.Dashboard.Graph;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Tests.Unit;

public sealed class DagLayoutTests
{
    [Fact]
    public void Thirty_tasks_are_laid_out_left_to_right_in_layers_with_no_box_on_another()
    {
        // Six fan-outs of four, each joined, then all joined: wide, deep and with long edges.
        var tasks = new List<TaskView> { Task("start") };
        for (var g = 0; g < 5; g++)
        {
            var branch = Enumerable.Range(0, 4).Select(i => Task($"g{g}_t{i}", "start")).ToList();
            tasks.AddRange(branch);
            tasks.Add(Task($"g{g}_join", branch.Select(b => b.Name).ToArray()));
        }
        tasks.Add(Task("end", Enumerable.Range(0, 5).Select(g => $"g{g}_join").Append("start").ToArray()));
        tasks.Add(Task("report", "end"));
        tasks.Add(Task("audit", "start"));
        tasks.Add(Task("publish", "report", "audit"));
        Assert.Equal(30, tasks.Count);

        var layout = new DagLayout(tasks);

        Assert.Equal(30, layout.Nodes.Count);
        Assert.Equal(tasks.Sum(t => t.Upstream.Count), layout.Edges.Count);
        Assert.All(layout.Edges, e => Assert.True(e.From.X + DagLayout.NodeWidth < e.To.X, $"{e.From.Task.Name} -> {e.To.Task.Name} points left"));
        foreach (var (a, i) in layout.Nodes.Select((n, i) => (n, i)))
            foreach (var b in layout.Nodes.Skip(i + 1))
                Assert.False(Math.Abs(a.X - b.X) < DagLayout.NodeWidth && Math.Abs(a.Y - b.Y) < DagLayout.NodeHeight, $"{a.Task.Name} overlaps {b.Task.Name}");
        Assert.All(layout.Nodes, n => Assert.True(n.X + DagLayout.NodeWidth <= layout.Width && n.Y + DagLayout.NodeHeight <= layout.Height));
    }

    [Fact]
    public void A_diamond_is_three_layers_with_its_join_level_with_the_middle()
    {
        var layout = new DagLayout([Task("a"), Task("b", "a"), Task("c", "a"), Task("d", "b", "c")]);

        var byName = layout.Nodes.ToDictionary(n => n.Task.Name);
        Assert.Equal([0, 1, 1, 2], new[] { "a", "b", "c", "d" }.Select(n => byName[n].Layer));
        Assert.Equal(byName["a"].Y, byName["d"].Y);
        Assert.Equal((byName["b"].Y + byName["c"].Y) / 2, byName["d"].Y);
    }

    private static TaskView Task(string name, params string[] upstream) => new(name, upstream, 1, 0, 0, 60, "default");
}
