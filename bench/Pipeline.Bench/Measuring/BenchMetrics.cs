using Pipeline.Bench.Pipelines;

namespace Pipeline.Bench.Measuring;

/// <summary>The rows of the table, named with the sizes the bench ran with.</summary>
public sealed class BenchMetrics(BenchOptions options)
{
    private readonly string _diamond = $"1. Engine: diamond backfill, {options.Runs:N0} runs × 4 no-op tasks (limit {options.MaxConcurrentRuns} runs)";
    private readonly string _large = $"1c. Engine: diamond backfill at scale, {options.LargeRuns:N0} runs × 4 no-op tasks (limit {options.MaxConcurrentRuns} runs; PostgreSQL)";
    private readonly string _raw = $"2. Raw Hangfire: {options.Jobs:N0} no-op jobs";
    private readonly string _hello = $"3. hello backfill, {options.HelloRuns:N0} runs (limit {BenchPipelines.ShippedHello().MaxConcurrentRuns} runs; 1 retry per run)";
    private readonly string _serial = $"1b. Engine: diamond, {options.SerialRuns:N0} runs one at a time (idle workers)";
    private readonly string _wind = $"5. wind-etl backfill on PostgreSQL, {options.WindDays:N0} days × 1,440 minutes (extract over HTTP, transform, check, load)";
    private const string HostStart = "4. Host start, embedded (launch → GET /api/pipelines 200)";

    public Metric DiamondWall => new(_diamond, "wall time", "s", "0.00");
    public Metric DiamondRuns => new(_diamond, "runs/s", "", "0.0");
    public Metric DiamondTasks => new(_diamond, "tasks/s", "", "0");
    public Metric DiamondLatencyMedian => new(_diamond, "task-to-task latency, median", "ms", "0.0");
    public Metric DiamondLatencyP95 => new(_diamond, "task-to-task latency, p95", "ms", "0.0");
    public Metric DiamondRunDuration => new(_diamond, "run duration (start → end), median", "ms", "0");
    public Metric DiamondLaunch => new(_diamond, "backfill request (creates all runs)", "ms", "0");
    public Metric DiamondRss => new(_diamond, "peak RSS of the bench process", "MB", "0");
    public Metric DiamondCpu => new(_diamond, "CPU time of the bench process", "s", "0.0");

    public Metric LargeWall => new(_large, "wall time", "s", "0.00");
    public Metric LargeTasks => new(_large, "tasks/s", "", "0");
    public Metric LargeShare => new(_large, $"tasks/s ÷ the {options.Runs:N0}-run diamond's in the same repetition", "×", "0.00");
    public Metric LargeLatencyMedian => new(_large, "task-to-task latency, median", "ms", "0.0");
    public Metric LargeLatencyP95 => new(_large, "task-to-task latency, p95", "ms", "0.0");
    public Metric LargeLaunch => new(_large, "backfill request (creates all runs)", "ms", "0");
    public Metric LargeRss => new(_large, "peak RSS of the bench process", "MB", "0");
    public Metric LargeCpu => new(_large, "CPU time of the bench process", "s", "0.0");

    public Metric RawWall => new(_raw, "wall time (first enqueue → all succeeded)", "s", "0.00");
    public Metric RawJobs => new(_raw, "jobs/s", "", "0");
    public Metric RawEnqueue => new(_raw, "enqueue loop alone", "s", "0.00");
    public Metric Ratio => new(_raw, "ratio: engine wall per task ÷ raw wall per job", "×", "0.0");
    public Metric RawRss => new(_raw, "peak RSS of the bench process", "MB", "0");
    public Metric RawCpu => new(_raw, "CPU time of the bench process", "s", "0.0");

    public Metric SerialLatencyMedian => new(_serial, "task-to-task latency, median", "ms", "0.0");
    public Metric SerialLatencyP95 => new(_serial, "task-to-task latency, p95", "ms", "0.0");
    public Metric SerialRunDuration => new(_serial, "run duration (start → end), median", "ms", "0");

    public Metric HelloWall => new(_hello, "wall time", "s", "0.0");
    public Metric HelloRuns => new(_hello, "runs/s", "", "0.00");
    public Metric HelloRetries => new(_hello, "retries (attempts beyond the first)", "", "0");
    public Metric HelloRss => new(_hello, "peak RSS of the bench process", "MB", "0");
    public Metric HelloCpu => new(_hello, "CPU time of the bench process", "s", "0.0");

    public Metric WindWall => new(_wind, "wall time (backfill request → last run ended)", "s", "0.00");
    public Metric WindPartitions => new(_wind, "partitions/s", "", "0.0");
    public Metric WindSourceRows => new(_wind, "source rows/s (minutes read through the API)", "", "0");
    public Metric WindTargetRows => new(_wind, "target rows/s (aggregates loaded)", "", "0");
    public Metric WindRunDuration => new(_wind, "run duration (start → end), median", "ms", "0");
    public Metric WindSeeding => new(_wind, "seeding the source first (not in the wall time)", "s", "0.00");
    public Metric WindRss => new(_wind, "peak RSS of the bench process", "MB", "0");
    public Metric WindCpu => new(_wind, "CPU time of the bench process", "s", "0.0");
    public Metric WindBackfillCpu => new(_wind, "CPU time of the bench process during the backfill (seeding left out)", "s", "0.0");

    /// <summary>The scenario once more, alone in a fresh bench process: that process's peak from its start (<c>--rss-alone</c>).</summary>
    public Metric RssAlone(BenchScenario scenario) => new(scenario switch
    {
        BenchScenario.Diamond => _diamond,
        BenchScenario.Large => _large,
        BenchScenario.Raw => _raw,
        BenchScenario.Wind => _wind,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    }, RssAloneName, "MB", "0");

    public const string RssAloneName = "peak RSS of the scenario alone in a fresh process";

    public Metric HostStartTime => new(HostStart, "time to first 200", "ms", "0");
}
