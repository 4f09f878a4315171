using System.Text.RegularExpressions;

namespace Pipeline.Scheduler.Engine.Definitions;

/// <summary>Checks a pipeline's DAG before the host accepts it; every message names what is wrong.</summary>
public static partial class DagValidator
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,99}$")]
    private static partial Regex NamePattern();

    public static void Validate(PipelineDefinition pipeline)
    {
        CheckName("pipeline", pipeline.Name);
        if (pipeline.Tasks.Count == 0)
            throw new PipelineDefinitionException($"Pipeline '{pipeline.Name}' has no tasks.");
        if (pipeline.MaxConcurrentRuns < 1)
            throw new PipelineDefinitionException($"Pipeline '{pipeline.Name}' must allow at least one concurrent run.");

        if (pipeline.FreshBy is { } freshBy && (pipeline.Partitioning is null || freshBy < TimeSpan.Zero))
            throw new PipelineDefinitionException(
                $"Pipeline '{pipeline.Name}' declares a freshness deadline: it must be partitioned daily and the deadline 0 or more after the day ends.");

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in pipeline.Tasks)
        {
            CheckName($"task in pipeline '{pipeline.Name}'", task.Name);
            if (!names.Add(task.Name))
                throw new PipelineDefinitionException($"Pipeline '{pipeline.Name}' has two tasks named '{task.Name}'.");
            if (task.Retry.Attempts < 1)
                throw new PipelineDefinitionException($"Task '{pipeline.Name}.{task.Name}' must be tried at least once.");
            if (task.Timeout <= TimeSpan.Zero)
                throw new PipelineDefinitionException($"Task '{pipeline.Name}.{task.Name}' needs a positive timeout.");
        }

        foreach (var task in pipeline.Tasks)
        {
            foreach (var upstream in task.Upstream)
            {
                if (!names.Contains(upstream))
                    throw new PipelineDefinitionException(
                        $"Task '{pipeline.Name}.{task.Name}' depends on '{upstream}', which is not a task of the pipeline.");
                if (upstream == task.Name)
                    throw new PipelineDefinitionException($"Task '{pipeline.Name}.{task.Name}' depends on itself.");
            }
            if (task.Upstream.Distinct().Count() != task.Upstream.Count)
                throw new PipelineDefinitionException($"Task '{pipeline.Name}.{task.Name}' lists the same upstream twice.");
        }

        var cycle = FindCycle(pipeline);
        if (cycle is not null)
            throw new PipelineDefinitionException(
                $"Pipeline '{pipeline.Name}' has a cycle: {string.Join(" -> ", cycle)}.");
    }

    public static void ValidateCatalog(IEnumerable<PipelineDefinition> pipelines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pipeline in pipelines)
        {
            if (!seen.Add(pipeline.Name))
                throw new PipelineDefinitionException($"Two pipelines are named '{pipeline.Name}'.");
            Validate(pipeline);
        }
    }

    private static void CheckName(string what, string name)
    {
        if (!NamePattern().IsMatch(name))
            throw new PipelineDefinitionException(
                $"The {what} name '{name}' is not valid: use lower-case letters, digits, '_' and '-' (at most 100).");
    }

    /// <summary>Depth-first search; returns the tasks of one cycle in order (first repeated at the end), or null.</summary>
    private static List<string>? FindCycle(PipelineDefinition pipeline)
    {
        var upstreamOf = pipeline.Tasks.ToDictionary(t => t.Name, t => t.Upstream);
        var state = new Dictionary<string, bool>(); // false: on the current path, true: done
        var path = new List<string>();

        List<string>? Visit(string task)
        {
            if (state.TryGetValue(task, out var done))
            {
                if (done) return null;
                var start = path.IndexOf(task);
                return [.. path[start..], task];
            }

            state[task] = false;
            path.Add(task);
            foreach (var upstream in upstreamOf[task])
            {
                var cycle = Visit(upstream);
                if (cycle is not null) return cycle;
            }
            path.RemoveAt(path.Count - 1);
            state[task] = true;
            return null;
        }

        foreach (var task in pipeline.Tasks)
        {
            var cycle = Visit(task.Name);
            if (cycle is not null)
            {
                // The search walks upstream edges; reverse so the message reads in execution order.
                cycle.Reverse();
                return cycle;
            }
        }
        return null;
    }
}
