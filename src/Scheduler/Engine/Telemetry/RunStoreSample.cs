using System.Diagnostics.Metrics;

namespace Pipeline.Scheduler.Engine.Telemetry;

/// <summary>The latest counts read from the run store, for the gauges; replaced whole by each sample.</summary>
public sealed class RunStoreSample
{
    public sealed record ActiveCount(string Pipeline, string State, long Runs);

    public sealed record BackfillCount(string Pipeline, Guid Backfill, long Ended, long Total);

    public sealed record LateCount(string Pipeline, long Partitions);

    private volatile IReadOnlyList<LateCount> _late = [];
    private volatile IReadOnlyList<ActiveCount> _active = [];
    private volatile IReadOnlyList<BackfillCount> _backfills = [];

    public void Replace(IReadOnlyList<ActiveCount> active, IReadOnlyList<BackfillCount> backfills)
    {
        _active = active;
        _backfills = backfills;
    }

    /// <summary>Set by the freshness check (Freshness/LatePartitionMonitor) for pipelines that declare a deadline.</summary>
    public void ReplaceLate(IReadOnlyList<LateCount> late) => _late = late;

    public IEnumerable<Measurement<long>> LatePartitions() =>
        _late.Select(l => new Measurement<long>(l.Partitions, new KeyValuePair<string, object?>("pipeline", l.Pipeline)));

    public IEnumerable<Measurement<long>> ActiveRuns() =>
        _active.Select(c => new Measurement<long>(c.Runs, new("pipeline", c.Pipeline), new("state", c.State)));

    public IEnumerable<Measurement<double>> BackfillProgress() =>
        _backfills.Select(b => new Measurement<double>(b.Total == 0 ? 1 : (double)b.Ended / b.Total,
            new("pipeline", b.Pipeline), new("backfill", b.Backfill.ToString())));

    public IEnumerable<Measurement<long>> BackfillRemaining() =>
        _backfills.Select(b => new Measurement<long>(b.Total - b.Ended, new("pipeline", b.Pipeline), new("backfill", b.Backfill.ToString())));
}
