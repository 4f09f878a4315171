using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Bench.Scenarios;

/// <summary>
/// How long a task waits after its upstream tasks are done: its StartedAt minus the latest FinishedAt of
/// its upstream tasks, once per task that has upstream tasks, in every run (a diamond gives three per run).
/// </summary>
public static class TaskToTaskLatency
{
    public static IReadOnlyList<double> Milliseconds(PipelineDefinition pipeline, RunSnapshot snapshot)
    {
        var latencies = new List<double>();
        foreach (var run in snapshot.Tasks.GroupBy(t => t.RunId))
        {
            var byName = run.ToDictionary(t => t.Task, StringComparer.Ordinal);
            foreach (var task in pipeline.Tasks.Where(t => t.Upstream.Count > 0))
            {
                if (byName[task.Name].StartedAt is not { } started) continue;
                var upstreamDone = task.Upstream.Select(u => byName[u].FinishedAt).ToList();
                if (upstreamDone.Any(f => f is null)) continue;
                latencies.Add((started - upstreamDone.Max()!.Value).TotalMilliseconds);
            }
        }
        return latencies;
    }
}
