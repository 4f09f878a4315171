using Pipeline.Bench.Hosting;
using Pipeline.Bench.Measuring;
using Pipeline.Bench.Pipelines;
using Pipeline.Bench.Scenarios;

namespace Pipeline.Bench;

/// <summary>
/// Runs every scenario on every storage, repetition by repetition (so a slow spell on a shared machine
/// spreads over all scenarios rather than hitting one), each on fresh storage and a fresh engine host.
/// </summary>
public sealed class BenchRunner(BenchOptions options, TextWriter progress)
{
    private readonly BenchMetrics _m = new(options);
    private readonly Results _results = new();

    public async Task<Results> RunAsync(CancellationToken ct)
    {
        if (options.Only is { } only)
        {
            foreach (var storage in options.Storages)
                await RunOnlyAsync(only, storage, ct);
            return _results;
        }
        for (var rep = 1; rep <= options.Repeat; rep++)
        {
            foreach (var storage in options.Storages)
            {
                if (options.WindDays > 0 && storage == StorageKind.Postgres)
                    await MeasureWindAsync($"{rep}/{options.Repeat} {storage} wind-etl", ct);
                if (options.WindOnly) continue;
                var diamond = await MeasureAsync($"{rep}/{options.Repeat} {storage} diamond", storage, DiamondAsync, ct);
                if (options.LargeRuns > 0 && storage == StorageKind.Postgres && rep <= options.LargeRepeat)
                {
                    var large = await MeasureAsync($"{rep}/{options.LargeRepeat} {storage} diamond at scale", storage, LargeDiamondAsync, ct);
                    _results.Add(_m.LargeShare, storage, large.RunsPerSecond / diamond.RunsPerSecond);
                }
                var raw = await MeasureAsync($"{rep}/{options.Repeat} {storage} raw", storage, RawAsync, ct);
                _results.Add(_m.Ratio, storage, (diamond.Wall.TotalSeconds / (diamond.Runs * BenchPipelines.DiamondTasks)) / (raw.Wall.TotalSeconds / raw.Jobs));
                if (options.SerialRuns > 0)
                    await MeasureAsync($"{rep}/{options.Repeat} {storage} serial", storage, SerialAsync, ct);
                if (options.HelloRuns > 0 && rep <= options.HelloRepetitions)
                    await MeasureAsync($"{rep}/{options.HelloRepetitions} {storage} hello", storage, HelloAsync, ct);
            }
        }
        foreach (var value in options.HostStartMs)
            _results.Add(_m.HostStartTime, StorageKind.Embedded, value);
        if (options.RssAlone)
            await MeasureEachAloneAsync(ct);
        return _results;
    }

    /// <summary>Every scenario that reports its memory, once more, each in a fresh process of its own.</summary>
    private async Task MeasureEachAloneAsync(CancellationToken ct)
    {
        foreach (var storage in options.Storages)
        {
            var postgres = storage == StorageKind.Postgres;
            var scenarios = new List<BenchScenario>();
            if (!options.WindOnly) scenarios.AddRange([BenchScenario.Diamond, BenchScenario.Raw]);
            if (postgres && options.WindDays > 0) scenarios.Add(BenchScenario.Wind);
            if (postgres && options.LargeRuns > 0 && !options.WindOnly) scenarios.Add(BenchScenario.Large);
            foreach (var scenario in scenarios)
            {
                var peak = await ScenarioAlone.PeakRssMegabytesAsync(options, scenario, storage, progress, ct);
                progress.WriteLine($"bench: {storage} {scenario.ToString().ToLowerInvariant()} alone in a fresh process: peak RSS {peak:0} MB");
                _results.Add(_m.RssAlone(scenario), storage, peak);
            }
        }
    }

    /// <summary>One scenario once (<c>--only</c>), in a process that ran nothing before it; its peak counts from the start.</summary>
    private async Task RunOnlyAsync(BenchScenario scenario, StorageKind storage, CancellationToken ct)
    {
        var postgres = storage == StorageKind.Postgres;
        var label = $"1/1 {storage} {scenario.ToString().ToLowerInvariant()}";
        switch (scenario)
        {
            case BenchScenario.Diamond: await MeasureAsync(label, storage, DiamondAsync, ct); break;
            case BenchScenario.Raw: await MeasureAsync(label, storage, RawAsync, ct); break;
            case BenchScenario.Large when postgres: await MeasureAsync(label, storage, LargeDiamondAsync, ct); break;
            case BenchScenario.Wind when postgres: await MeasureWindAsync(label, ct); break;
            default: break; // PostgreSQL-only scenarios skip the embedded storage, as the repetitions do
        }
    }

    /// <summary>A scenario run alone (<c>--only</c>) keeps its process's peak from the start: that is the figure it reports.</summary>
    private ProcessMeter StartMeter()
    {
        if (options.Only is not null) return ProcessMeter.Start(resetPeak: false);
        var meter = ProcessMeter.Start();
        if (!meter.PeakWasReset) progress.WriteLine("bench: could not reset the peak RSS; it is the process's peak so far");
        return meter;
    }

    private async Task<T> MeasureAsync<T>(
        string label, StorageKind storage, Func<EngineHost, StorageKind, ProcessMeter, CancellationToken, Task<T>> scenario, CancellationToken ct)
    {
        progress.WriteLine($"bench: {label} ...");
        await using var fresh = await FreshStorage.CreateAsync(storage, ct);
        await using var host = await EngineHost.StartAsync(fresh, options.Engine, ct);
        var meter = StartMeter();
        var result = await scenario(host, storage, meter, ct);
        // CPU per repetition: the first one of a process includes JIT warm-up, the later ones show the steady cost.
        progress.WriteLine($"bench: {label}: {result}; CPU {meter.CpuSeconds():0.00} s, peak RSS {meter.PeakRssMegabytes():0} MB");
        return result;
    }

    private async Task MeasureWindAsync(string label, CancellationToken ct)
    {
        progress.WriteLine($"bench: {label} ...");
        await using var fresh = await FreshStorage.CreateAsync(StorageKind.Postgres, ct);
        var settings = WindBackfillScenario.Settings(
            await fresh.CreateDatabaseAsync("wind_source", ct), await fresh.CreateDatabaseAsync("wind_target", ct), options.WindMaxConcurrentRuns);
        await using var host = await EngineHost.StartWithSourceApiAsync(fresh, options.Engine, settings, ct);
        var meter = StartMeter();
        var measured = await WindBackfillScenario.RunAsync(host, options.WindDays, options.Timeout, ct);
        progress.WriteLine($"bench: {label}: {measured}; CPU {meter.CpuSeconds():0.00} s, peak RSS {meter.PeakRssMegabytes():0} MB");
        var taskMedians = measured.Backfill.Snapshot.Tasks
            .Where(t => t.StartedAt is not null && t.FinishedAt is not null)
            .GroupBy(t => t.Task)
            .Select(g => $"{g.Key}={Stats.Median(g.Select(t => (t.FinishedAt!.Value - t.StartedAt!.Value).TotalMilliseconds).ToList()):0}");
        progress.WriteLine($"bench:   task duration ms, median: {string.Join(", ", taskMedians)}");
        _results.Add(_m.WindWall, StorageKind.Postgres, measured.Backfill.Wall.TotalSeconds);
        _results.Add(_m.WindPartitions, StorageKind.Postgres, measured.Backfill.RunsPerSecond);
        _results.Add(_m.WindSourceRows, StorageKind.Postgres, measured.SourceRowsPerSecond);
        _results.Add(_m.WindTargetRows, StorageKind.Postgres, measured.TargetRowsPerSecond);
        _results.Add(_m.WindRunDuration, StorageKind.Postgres, Stats.Median(measured.Backfill.Snapshot.RunDurationsMs()));
        _results.Add(_m.WindSeeding, StorageKind.Postgres, measured.Seeding.TotalSeconds);
        _results.Add(_m.WindRss, StorageKind.Postgres, meter.PeakRssMegabytes());
        _results.Add(_m.WindCpu, StorageKind.Postgres, meter.CpuSeconds());
        _results.Add(_m.WindBackfillCpu, StorageKind.Postgres, measured.BackfillCpu.TotalSeconds);
    }

    private async Task<BackfillMeasurement> DiamondAsync(EngineHost host, StorageKind storage, ProcessMeter meter, CancellationToken ct)
    {
        var measured = await BackfillScenario.RunAsync(host, BenchPipelines.Diamond, BenchPipelines.DiamondStart, options.Runs, options.Timeout, ct);
        var pipeline = BenchPipelines.All(options.MaxConcurrentRuns).Single(p => p.Name == BenchPipelines.Diamond);
        var latencies = TaskToTaskLatency.Milliseconds(pipeline, measured.Snapshot);
        progress.WriteLine($"bench:   task-to-task latency ms: {Stats.Spread(latencies)}");
        _results.Add(_m.DiamondWall, storage, measured.Wall.TotalSeconds);
        _results.Add(_m.DiamondRuns, storage, measured.RunsPerSecond);
        _results.Add(_m.DiamondTasks, storage, measured.RunsPerSecond * pipeline.Tasks.Count);
        _results.Add(_m.DiamondLatencyMedian, storage, Stats.Median(latencies));
        _results.Add(_m.DiamondLatencyP95, storage, Stats.Percentile(latencies, 95));
        _results.Add(_m.DiamondRunDuration, storage, Stats.Median(measured.Snapshot.RunDurationsMs()));
        _results.Add(_m.DiamondLaunch, storage, measured.Launch.TotalMilliseconds);
        _results.Add(_m.DiamondRss, storage, meter.PeakRssMegabytes());
        _results.Add(_m.DiamondCpu, storage, meter.CpuSeconds());
        return measured;
    }

    /// <summary>The same diamond ten times longer: what a long backfill costs per task against a short one.</summary>
    private async Task<BackfillMeasurement> LargeDiamondAsync(EngineHost host, StorageKind storage, ProcessMeter meter, CancellationToken ct)
    {
        var measured = await BackfillScenario.RunAsync(host, BenchPipelines.Diamond, BenchPipelines.DiamondStart, options.LargeRuns, options.Timeout, ct);
        var pipeline = BenchPipelines.All(options.MaxConcurrentRuns).Single(p => p.Name == BenchPipelines.Diamond);
        var latencies = TaskToTaskLatency.Milliseconds(pipeline, measured.Snapshot);
        progress.WriteLine($"bench:   task-to-task latency ms: {Stats.Spread(latencies)}");
        _results.Add(_m.LargeWall, storage, measured.Wall.TotalSeconds);
        _results.Add(_m.LargeTasks, storage, measured.RunsPerSecond * pipeline.Tasks.Count);
        _results.Add(_m.LargeLatencyMedian, storage, Stats.Median(latencies));
        _results.Add(_m.LargeLatencyP95, storage, Stats.Percentile(latencies, 95));
        _results.Add(_m.LargeLaunch, storage, measured.Launch.TotalMilliseconds);
        _results.Add(_m.LargeRss, storage, meter.PeakRssMegabytes());
        _results.Add(_m.LargeCpu, storage, meter.CpuSeconds());
        return measured;
    }

    private async Task<RawHangfireMeasurement> RawAsync(EngineHost host, StorageKind storage, ProcessMeter meter, CancellationToken ct)
    {
        var measured = await RawHangfireScenario.RunAsync(host, options.Jobs, options.Timeout, ct);
        _results.Add(_m.RawWall, storage, measured.Wall.TotalSeconds);
        _results.Add(_m.RawJobs, storage, measured.JobsPerSecond);
        _results.Add(_m.RawEnqueue, storage, measured.Enqueue.TotalSeconds);
        _results.Add(_m.RawRss, storage, meter.PeakRssMegabytes());
        _results.Add(_m.RawCpu, storage, meter.CpuSeconds());
        return measured;
    }

    private async Task<BackfillMeasurement> SerialAsync(EngineHost host, StorageKind storage, ProcessMeter meter, CancellationToken ct)
    {
        var measured = await BackfillScenario.RunAsync(host, BenchPipelines.SerialDiamond, BenchPipelines.DiamondStart, options.SerialRuns, options.Timeout, ct);
        var pipeline = BenchPipelines.All(options.MaxConcurrentRuns).Single(p => p.Name == BenchPipelines.SerialDiamond);
        var latencies = TaskToTaskLatency.Milliseconds(pipeline, measured.Snapshot);
        progress.WriteLine($"bench:   task-to-task latency ms: {Stats.Spread(latencies)}");
        _results.Add(_m.SerialLatencyMedian, storage, Stats.Median(latencies));
        _results.Add(_m.SerialLatencyP95, storage, Stats.Percentile(latencies, 95));
        _results.Add(_m.SerialRunDuration, storage, Stats.Median(measured.Snapshot.RunDurationsMs()));
        return measured;
    }

    private async Task<BackfillMeasurement> HelloAsync(EngineHost host, StorageKind storage, ProcessMeter meter, CancellationToken ct)
    {
        var measured = await BackfillScenario.RunAsync(host, BenchPipelines.Hello, BenchPipelines.HelloStart, options.HelloRuns, options.Timeout, ct);
        _results.Add(_m.HelloWall, storage, measured.Wall.TotalSeconds);
        _results.Add(_m.HelloRuns, storage, measured.RunsPerSecond);
        _results.Add(_m.HelloRetries, storage, measured.Snapshot.Retries);
        _results.Add(_m.HelloRss, storage, meter.PeakRssMegabytes());
        _results.Add(_m.HelloCpu, storage, meter.CpuSeconds());
        return measured;
    }
}
