namespace Pipeline.Bench.Scenarios;

/// <summary>Plain Hangfire jobs: time to enqueue them all, and from the first enqueue to the last success.</summary>
public sealed record RawHangfireMeasurement(int Jobs, TimeSpan Wall, TimeSpan Enqueue)
{
    public double JobsPerSecond => Jobs / Wall.TotalSeconds;

    public override string ToString() =>
        $"{Jobs} jobs in {Wall.TotalSeconds:0.00} s ({JobsPerSecond:0} jobs/s), enqueue loop {Enqueue.TotalSeconds:0.00} s";
}
