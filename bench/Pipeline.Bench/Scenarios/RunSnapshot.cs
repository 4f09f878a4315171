using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Bench.Scenarios;

/// <summary>The timestamps of one backfill's runs and tasks, read from the run store once it has ended.</summary>
public sealed record RunSnapshot(IReadOnlyList<RunSnapshot.RunRow> Runs, IReadOnlyList<RunSnapshot.TaskRow> Tasks)
{
    public sealed record RunRow(Guid Id, RunState State, DateTime? StartedAt, DateTime? FinishedAt);

    public sealed record TaskRow(Guid RunId, string Task, TaskState State, int Attempts, DateTime? StartedAt, DateTime? FinishedAt);

    /// <summary>When the last run ended (UTC).</summary>
    public DateTime LastFinish => Runs.Max(r => r.FinishedAt) ?? throw new InvalidOperationException("No run has finished.");

    public int Failed => Runs.Count(r => r.State != RunState.Succeeded);

    /// <summary>Attempts beyond the first, over every task.</summary>
    public int Retries => Tasks.Sum(t => Math.Max(0, t.Attempts - 1));

    /// <summary>The most runs that were running at one moment (a check on the pipeline's limit).</summary>
    public int MaxConcurrentRuns()
    {
        var edges = Runs.Where(r => r is { StartedAt: not null, FinishedAt: not null })
            .SelectMany(r => new[] { (At: r.StartedAt!.Value, Delta: 1), (At: r.FinishedAt!.Value, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta);
        int running = 0, most = 0;
        foreach (var edge in edges) most = Math.Max(most, running += edge.Delta);
        return most;
    }

    /// <summary>From start to end of each run, in milliseconds.</summary>
    public IReadOnlyList<double> RunDurationsMs() =>
        Runs.Where(r => r is { StartedAt: not null, FinishedAt: not null })
            .Select(r => (r.FinishedAt!.Value - r.StartedAt!.Value).TotalMilliseconds).ToList();
}
