namespace Pipeline.Bench.Scenarios;

/// <summary>One timed backfill: from the request to the end of its last run, and what the run store recorded.</summary>
public sealed record BackfillMeasurement(int Runs, TimeSpan Wall, TimeSpan Launch, RunSnapshot Snapshot)
{
    public double RunsPerSecond => Runs / Wall.TotalSeconds;

    public override string ToString() =>
        $"{Runs} runs in {Wall.TotalSeconds:0.00} s ({RunsPerSecond:0.0} runs/s), request {Launch.TotalMilliseconds:0} ms, {Snapshot.Retries} retries, "
        + $"max {Snapshot.MaxConcurrentRuns()} runs at once, run duration ms: {Measuring.Stats.Spread(Snapshot.RunDurationsMs())}";
}
