using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.Scheduler.Engine.Telemetry;

/// <summary>
/// The engine's OpenTelemetry instruments (meter "Pipeline"). Counters and histograms are recorded as
/// changes commit (see <see cref="RunStoreTelemetryInterceptor"/>) and as attempts end on this host; the
/// gauges read the last sample of the run store (see <see cref="RunStoreSampler"/>), the same on every host.
/// </summary>
public sealed class PipelineMetrics
{
    public const string MeterName = "Pipeline";

    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsEnded;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _taskDuration;
    private readonly Histogram<double> _queueWait;

    public PipelineMetrics(IMeterFactory meters, RunStoreSample sample)
    {
        var meter = meters.Create(MeterName);
        _runsStarted = meter.CreateCounter<long>("pipeline.runs.started", "{run}", "Runs that started (or resumed), by pipeline and trigger.");
        _runsEnded = meter.CreateCounter<long>("pipeline.runs.ended", "{run}",
            "Runs that ended, by pipeline, trigger and outcome (succeeded, failed, cancelled).");
        _attempts = meter.CreateCounter<long>("pipeline.task.attempts", "{attempt}",
            "Task attempts that ended, by outcome: succeeded, failed, retried (failed, another attempt follows), timed_out, lost, handed_back, cancelled.");
        _taskDuration = meter.CreateHistogram<double>("pipeline.task.duration", "s", "How long a task attempt ran on its host.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        _queueWait = meter.CreateHistogram<double>("pipeline.task.queue_wait", "s", "From a task being ready (queued, or its retry due) to its attempt starting.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        meter.CreateObservableGauge("pipeline.runs.active", sample.ActiveRuns, "{run}", "Runs queued or running now, by pipeline and state (from the run store).");
        meter.CreateObservableGauge("pipeline.backfill.progress", sample.BackfillProgress, "1", "Share of an unfinished backfill's runs that have ended, by pipeline and backfill.");
        meter.CreateObservableGauge("pipeline.partitions.late", sample.LatePartitions, "{partition}",
            "Days past their freshness deadline without a successful run, by pipeline (pipelines that declare a deadline).");
        meter.CreateObservableGauge("pipeline.backfill.runs.remaining", sample.BackfillRemaining, "{run}", "Runs of an unfinished backfill not yet ended.");
    }

    public void RunStarted(string pipeline, string trigger) =>
        _runsStarted.Add(1, new TagList { { "pipeline", pipeline }, { "trigger", trigger } });

    public void RunEnded(string pipeline, string trigger, string outcome) =>
        _runsEnded.Add(1, new TagList { { "pipeline", pipeline }, { "trigger", trigger }, { "outcome", outcome } });

    public void AttemptEnded(string pipeline, string task, string outcome) =>
        _attempts.Add(1, new TagList { { "pipeline", pipeline }, { "task", task }, { "outcome", outcome } });

    public void AttemptRan(string pipeline, string task, TimeSpan duration) =>
        _taskDuration.Record(duration.TotalSeconds, new TagList { { "pipeline", pipeline }, { "task", task } });

    public void AttemptWaited(string pipeline, string task, TimeSpan wait) =>
        _queueWait.Record(Math.Max(0, wait.TotalSeconds), new TagList { { "pipeline", pipeline }, { "task", task } });
}
